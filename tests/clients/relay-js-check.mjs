// Drives the relay's Ollama-compatible pass-through with the official JavaScript client and prints what the client
// saw, as one JSON line. Usage: node relay-js-check.mjs http://127.0.0.1:PORT
import { Ollama } from 'ollama';

const ollama = new Ollama({ host: process.argv[2] });
const result = {};

result.models = (await ollama.list()).models.map((m) => m.name);
result.version = (await ollama.version()).version;

const parts = [];
for await (const part of await ollama.chat({ model: 'fixed', messages: [{ role: 'user', content: 'hi' }], stream: true })) {
  parts.push(part);
}
result.chatText = parts.map((p) => p.message.content).join('');
result.chatDone = parts[parts.length - 1].done;

result.generate = (await ollama.generate({ model: 'fixed', prompt: 'x', stream: false })).response;

// A failure mid-stream must reach the client as an error, never as a silently shorter answer.
const seen = [];
try {
  for await (const part of await ollama.chat({ model: 'error-midstream', messages: [{ role: 'user', content: 'x' }], stream: true })) {
    seen.push(part.message.content);
  }
  result.midStream = { error: null, tokens: seen.length };
} catch (error) {
  result.midStream = { error: error.message, tokens: seen.length };
}

try {
  await ollama.chat({ model: 'missing', messages: [{ role: 'user', content: 'x' }] });
  result.missing = 'no error';
} catch (error) {
  result.missing = { message: error.message, status: error.status_code };
}

console.log(JSON.stringify(result));
