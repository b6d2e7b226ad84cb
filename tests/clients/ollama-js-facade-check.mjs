// Drives the relay's Ollama facade over an OpenAI upstream with the official JavaScript client and prints what the
// client saw, as one JSON line. Usage: node ollama-js-facade-check.mjs http://127.0.0.1:PORT
import { Ollama } from 'ollama';

const ollama = new Ollama({ host: process.argv[2] });
const result = {};

result.models = (await ollama.list()).models.map((m) => m.name).sort();
result.version = (await ollama.version()).version;

const parts = [];
for await (const part of await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hello' }], stream: true })) {
  parts.push(part);
}
result.chatText = parts.map((p) => p.message.content).join('');
const last = parts[parts.length - 1];
result.chatDone = {
  done: last.done,
  done_reason: last.done_reason,
  eval_count: last.eval_count,
  prompt_eval_count: last.prompt_eval_count,
  total_duration_is_integer: Number.isInteger(last.total_duration),
};

const thinking = [];
for await (const part of await ollama.chat({ model: 'qwen3', think: true, messages: [{ role: 'user', content: 'hello' }], stream: true })) {
  thinking.push(part.message.thinking ?? '');
}
result.thinking = thinking.join('');

const weather = { type: 'object', properties: { city: { type: 'string' } } };
const tools = [{ type: 'function', function: { name: 'get_weather', parameters: weather } }];
const calls = [];
for await (const part of await ollama.chat({ model: 'llama3.2', tools, messages: [{ role: 'user', content: 'weather?' }], stream: true })) {
  calls.push(...(part.message.tool_calls ?? []));
}
result.toolCalls = calls.map((c) => ({ name: c.function.name, arguments: c.function.arguments }));

result.generate = (await ollama.generate({ model: 'llama3.2', prompt: 'hello', stream: false })).response;
result.show = (await ollama.show({ model: 'qwen3' })).capabilities;

try {
  await ollama.chat({ model: 'missing', messages: [{ role: 'user', content: 'x' }] });
  result.missing = 'no error';
} catch (error) {
  result.missing = { name: error.name, message: error.message, status: error.status_code };
}

try {
  for await (const part of await ollama.chat({ model: 'silent-truncation', messages: [{ role: 'user', content: 'x' }], stream: true })) {
    if (part.done) {
      result.truncation = 'done:true';
    }
  }
  result.truncation ??= 'ended silently';
} catch (error) {
  result.truncation = { name: error.name, message: error.message };
}

console.log(JSON.stringify(result));
