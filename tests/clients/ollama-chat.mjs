// One streamed chat through the official Ollama JavaScript client, as a TypeScript team's code would make it.
// Usage: node ollama-chat.mjs http://127.0.0.1:PORT [model]. Prints the text; exit 1 unless the stream ends with done.
import { Ollama } from 'ollama';

const [host, model = 'llama3.2'] = process.argv.slice(2);
const parts = [];
for await (const part of await new Ollama({ host }).chat({
  model,
  messages: [{ role: 'user', content: 'hello' }],
  stream: true,
})) {
  parts.push(part);
}

const text = parts.map((p) => p.message.content).join('');
const last = parts.at(-1);
console.log(JSON.stringify({ text, parts: parts.length, done: last?.done, done_reason: last?.done_reason }));
if (!last?.done || text.length === 0) {
  console.error(`ollama-js: the stream from ${host} did not end with done:true after some text`);
  process.exit(1);
}
