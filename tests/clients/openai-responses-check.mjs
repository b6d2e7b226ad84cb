// Drives a fake (or real) Ollama's /v1/responses with the official openai npm client and prints what it saw, as one JSON line.
// Usage: node openai-responses-check.mjs http://127.0.0.1:PORT [model] [tool-model]
import OpenAI from 'openai';
import { clientResults } from './client-results.mjs';

const [base, model = 'qwen3', toolModel = 'tools'] = process.argv.slice(2);
const client = new OpenAI({ apiKey: 'ollama', baseURL: `${base}/v1`, maxRetries: 0 });
const { result, attempt } = clientResults();

async function collect(stream) {
  const seen = { types: [], sequence: [], text: '', reasoning: '', completed: null };
  for await (const event of stream) {
    seen.types.push(event.type);
    seen.sequence.push(event.sequence_number);
    if (event.type === 'response.output_text.delta') seen.text += event.delta;
    if (event.type === 'response.reasoning_summary_text.delta') seen.reasoning += event.delta;
    if (event.type === 'response.function_call_arguments.delta') seen.arguments = event.delta;
    if (event.type === 'response.completed') seen.completed = { status: event.response.status, usage: event.response.usage };
  }
  return seen;
}

await attempt('stream', async () => collect(await client.responses.create({ model, input: 'hey', stream: true })));
await attempt('body', async () => {
  const response = await client.responses.create({ model, input: 'hey' });
  return { status: response.status, output_text: response.output_text, types: response.output.map((o) => o.type), usage: response.usage };
});
await attempt('tool', async () => collect(await client.responses.create({
  model: toolModel,
  input: 'weather?',
  stream: true,
  tools: [{
    type: 'function',
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
    strict: false,
  }],
})));
await attempt('missing', async () => collect(await client.responses.create({ model: 'missing', input: 'x', stream: true })));

console.log(JSON.stringify(result));
