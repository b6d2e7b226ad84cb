// Drives a fake (or real) Ollama's /v1/messages with the official @anthropic-ai/sdk and prints what it saw, as one JSON line.
// Usage: node anthropic-messages-check.mjs http://127.0.0.1:PORT [model] [tool-model]
import Anthropic from '@anthropic-ai/sdk';
import { clientResults } from './client-results.mjs';

const [base, model = 'qwen3', toolModel = 'tools'] = process.argv.slice(2);
const client = new Anthropic({ apiKey: 'ollama', baseURL: base, maxRetries: 0 });
const { result, attempt } = clientResults();

async function collect(params) {
  const stream = client.messages.stream({ max_tokens: 64, messages: [{ role: 'user', content: 'hey' }], ...params });
  const types = [];
  let text = '';
  stream.on('streamEvent', (event) => types.push(event.type));
  stream.on('text', (delta) => { text += delta; });
  const message = await stream.finalMessage();
  return { types, text, stop_reason: message.stop_reason, usage: message.usage, content: message.content };
}

await attempt('stream', () => collect({ model }));
await attempt('body', async () => {
  const message = await client.messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'hey' }] });
  return { stop_reason: message.stop_reason, usage: message.usage, content: message.content };
});
await attempt('tool', () => collect({
  model: toolModel,
  tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
}));
await attempt('missing', () => collect({ model: 'missing' }));

console.log(JSON.stringify(result));
