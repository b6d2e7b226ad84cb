// Drives a fake (or real) Ollama's /v1/completions and /v1/embeddings with the official openai npm client and prints
// what it saw, as one JSON line. Usage: node openai-completions-check.mjs http://127.0.0.1:PORT model embedding-model
import OpenAI from 'openai';
import { clientResults } from './client-results.mjs';

const [base, model, embedModel] = process.argv.slice(2);
const client = new OpenAI({ apiKey: 'ollama', baseURL: `${base}/v1`, maxRetries: 0 });
const { result, attempt } = clientResults();

await attempt('stream', async () => {
  const chunks = [];
  const stream = await client.completions.create({ model, prompt: 'hi', stream: true, stream_options: { include_usage: true } });
  for await (const chunk of stream) {
    chunks.push({ text: chunk.choices[0]?.text ?? null, finish: chunk.choices[0]?.finish_reason ?? null, usage: chunk.usage ?? null });
  }
  return chunks;
});
await attempt('body', async () => {
  const completion = await client.completions.create({ model, prompt: 'hi', max_tokens: 2 });
  return { text: completion.choices[0].text, finish: completion.choices[0].finish_reason, usage: completion.usage };
});
// The SDK asks for base64 by default and decodes it; asked for floats, it takes them as they come.
await attempt('embedDefault', async () => (await client.embeddings.create({ model: embedModel, input: ['hi', 'there'] })).data);
await attempt('embedFloat', async () =>
  (await client.embeddings.create({ model: embedModel, input: 'hi', dimensions: 4, encoding_format: 'float' })).data);
await attempt('missing', async () => client.completions.create({ model: 'missing', prompt: 'x' }));

console.log(JSON.stringify(result));
