// Drives a fake (or real) Ollama with the official JavaScript client and prints what the client saw, as one JSON line.
// Usage: node ollama-js-check.mjs http://127.0.0.1:PORT
import { Ollama } from 'ollama';

const ollama = new Ollama({ host: process.argv[2] });
const result = {};

result.models = (await ollama.list()).models.map((m) => m.name);

const parts = [];
for await (const part of await ollama.chat({
  model: 'm',
  messages: [{ role: 'user', content: 'hi' }],
  stream: true,
})) {
  parts.push(part);
}
result.chatText = parts.map((p) => p.message.content).join('');
result.chatParts = parts.length;
const last = parts[parts.length - 1];
result.chatDone = { done: last.done, done_reason: last.done_reason, eval_count: last.eval_count, total_duration_is_integer: Number.isInteger(last.total_duration) };

result.generate = (await ollama.generate({ model: 'm', prompt: 'x', stream: false })).response;

try {
  await ollama.chat({ model: 'missing', messages: [{ role: 'user', content: 'x' }] });
  result.missing = 'no error';
} catch (error) {
  result.missing = { name: error.name, message: error.message, status: error.status_code };
}

result.show = (await ollama.show({ model: 'm' })).capabilities;
result.embedLength = (await ollama.embed({ model: 'm', input: 'a' })).embeddings[0].length;

console.log(JSON.stringify(result));
