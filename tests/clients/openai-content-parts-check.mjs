// Drives a fake (or real) Ollama's /v1/chat/completions with content parts through the official openai npm client and
// prints what it saw, as one JSON line. Usage: node openai-content-parts-check.mjs http://127.0.0.1:PORT model
import OpenAI from 'openai';
import { clientResults } from './client-results.mjs';

const [base, model] = process.argv.slice(2);
const client = new OpenAI({ apiKey: 'ollama', baseURL: `${base}/v1`, maxRetries: 0 });
const image = 'data:image/png;base64,aGVsbG8=';
const { result, attempt } = clientResults();

await attempt('stream', async () => {
  const content = [{ type: 'text', text: 'first part' }, { type: 'image_url', image_url: { url: image } },
    { type: 'text', text: 'second part' }];
  const stream = await client.chat.completions.create(
    { model, messages: [{ role: 'user', content }], stream: true, stream_options: { include_usage: true } });
  const deltas = [];
  let usage = null;
  for await (const chunk of stream) {
    if (chunk.choices[0]?.delta?.content) {
      deltas.push(chunk.choices[0].delta.content);
    }
    usage = chunk.usage ?? usage;
  }
  return { deltas, usage };
});
await attempt('imageLast', async () => {
  const content = [{ type: 'text', text: 'look' }, { type: 'image_url', image_url: { url: image, detail: 'low' } }];
  const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content }] });
  return { content: completion.choices[0].message.content, usage: completion.usage };
});
await attempt('badAudio', async () => client.chat.completions.create({
  model,
  messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'aGVsbG8', format: 'wav' } }] }],
}));
await attempt('nullContent', async () => client.chat.completions.create(
  { model, messages: [{ role: 'assistant', content: null }, { role: 'user', content: 'hi' }] }));

console.log(JSON.stringify(result));
