// Drives the fake with the official JavaScript client through the Ollama 0.33 features and prints what it saw, as one
// JSON line: pull progress, a chat constrained by a JSON schema (checked with ajv), the same under schema-violation,
// and think:"high". Usage: node ollama-033-check.mjs http://127.0.0.1:PORT
import { Ollama } from 'ollama';
import Ajv from 'ajv';

const ollama = new Ollama({ host: process.argv[2] });
const result = {};

result.pull = [];
for await (const part of await ollama.pull({ model: 'fresh:7b', stream: true })) {
  result.pull.push(part.completed ? `${part.status} ${part.completed}/${part.total}` : part.status);
}
result.listed = (await ollama.list()).models.map((m) => m.name);

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    age: { type: 'integer', minimum: 0, maximum: 120 },
    tags: { type: 'array', items: { enum: ['a', 'b'] }, minItems: 1, maxItems: 3 },
  },
  required: ['name', 'age'],
  additionalProperties: false,
};
const validate = new Ajv().compile(schema);
const messages = [{ role: 'user', content: 'who?' }];

let streamed = '';
for await (const part of await ollama.chat({ model: 'm', messages, format: schema, stream: true })) {
  streamed += part.message.content;
}
result.schemaValid = validate(JSON.parse(streamed));

const broken = await ollama.chat({ model: 'broken', messages, format: schema, stream: false });
result.violationValid = validate(JSON.parse(broken.message.content));
result.violationErrors = validate.errors.map((e) => e.message);

const thought = await ollama.chat({ model: 'thinker', messages, think: 'high', stream: false });
result.thinking = thought.message.thinking;
result.content = thought.message.content;

console.log(JSON.stringify(result));
