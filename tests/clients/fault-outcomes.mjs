// Streams from each named model of a fake Ollama with one official client and prints what the client made of it, as one
// JSON object { model: outcome }. An outcome is "complete", "ended silently" (no terminal event and no error) or
// "error: <class>: <message>". Usage: node fault-outcomes.mjs http://127.0.0.1:PORT responses|messages|completions model...
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

const [base, protocol, ...models] = process.argv.slice(2);
const openai = new OpenAI({ apiKey: 'ollama', baseURL: `${base}/v1`, maxRetries: 0, timeout: 5000 });
const anthropic = new Anthropic({ apiKey: 'ollama', baseURL: base, maxRetries: 0, timeout: 5000 });

async function responses(model) {
  let completed = false;
  for await (const event of await openai.responses.create({ model, input: 'hi', stream: true })) {
    completed ||= event.type === 'response.completed';
  }
  return completed;
}

async function messages(model) {
  const stream = anthropic.messages.stream({ model, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
  let stopped = false;
  stream.on('streamEvent', (event) => { stopped ||= event.type === 'message_stop'; });
  await stream.done();
  return stopped;
}

async function completions(model) {
  let finished = false;
  for await (const chunk of await openai.completions.create({ model, prompt: 'hi', stream: true })) {
    finished ||= chunk.choices[0]?.finish_reason != null;
  }
  return finished;
}

const run = { responses, messages, completions }[protocol];
const result = {};
for (const model of models) {
  try {
    result[model] = (await run(model)) ? 'complete' : 'ended silently';
  } catch (error) {
    result[model] = `error: ${error.constructor.name}: ${String(error.message).split('\n')[0].slice(0, 80)}`;
  }
}

console.log(JSON.stringify(result));
