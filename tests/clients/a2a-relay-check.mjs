// Drives the relay's A2A agent with @a2a-js/sdk's own client and prints what the client saw, as one JSON line.
// Usage: node a2a-relay-check.mjs BASE_URL MODE MODELS
//   MODE stream: ClientFactory resolves BASE_URL's agent card and streams one message per model (v1.0).
//   MODE stream-v03: the same card, through the SDK's compat v0.3 JSON-RPC transport (no A2A-Version 1.0).
//   MODE cancel: streams the first model, calls cancelTask at its first artifact chunk (the upstream is streaming by
//   then), and reads the stream to its end.
// Per model: the event kinds in order, each status event's state, the artifact text, how many chunks were marked
// lastChunk, the final state and its message, and an error the client threw (null when none).
import { Role, taskStateToJSON } from '@a2a-js/sdk';
import { ClientFactory, ClientFactoryOptions, DefaultAgentCardResolver, JsonRpcTransportFactory } from '@a2a-js/sdk/client';

const [baseUrl, mode, models] = process.argv.slice(2);
const legacy = mode === 'stream-v03';
const text = (value) => ({ content: { $case: 'text', value }, metadata: undefined, filename: '', mediaType: '' });

async function createClient() {
  if (!legacy) {
    return new ClientFactory().createFromUrl(baseUrl);
  }

  const card = await new DefaultAgentCardResolver().resolve(baseUrl);
  const v03 = { ...card, supportedInterfaces: card.supportedInterfaces.filter((i) => i.protocolVersion === '0.3') };
  const options = ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    transports: [new JsonRpcTransportFactory({ legacyCompat: { enabled: true } })],
  });
  return new ClientFactory(options).createFromAgentCard(v03);
}

function request(model) {
  return {
    message: {
      messageId: crypto.randomUUID(), contextId: '', taskId: '', role: Role.ROLE_USER, parts: [text('Say hello')],
      metadata: { model }, extensions: [], referenceTaskIds: [],
    },
  };
}

async function run(client, model, onFirstChunk) {
  const seen = { kinds: [], states: [], text: '', lastChunks: 0, appends: 0, final: null, reason: null, error: null };
  let taskId = null;
  try {
    for await (const event of client.sendMessageStream(request(model))) {
      const { $case: kind, value } = event.payload;
      seen.kinds.push(kind);
      if (kind === 'task') {
        taskId = value.id;
        seen.states.push(taskStateToJSON(value.status.state));
      } else if (kind === 'statusUpdate') {
        const state = taskStateToJSON(value.status.state);
        seen.states.push(state);
        seen.final = state;
        seen.reason = value.status.message?.parts?.map((p) => p.content?.value ?? '').join('') ?? null;
      } else if (kind === 'artifactUpdate') {
        seen.text += value.artifact.parts.map((p) => p.content?.value ?? '').join('');
        if (value.lastChunk) seen.lastChunks++;
        if (value.append) seen.appends++;
        if (onFirstChunk && !value.append) await onFirstChunk(client, taskId);
      }
    }
  } catch (error) {
    seen.error = error.message;
  }

  if (taskId) {
    const task = await client.getTask({ tenant: '', id: taskId, historyLength: 0 });
    seen.stored = taskStateToJSON(task.status.state);
  }

  return seen;
}

const client = await createClient();
const result = { protocolVersion: client.protocolVersion, runs: {} };
if (mode === 'cancel') {
  const model = models.split(',')[0];
  result.runs[model] = await run(client, model, async (c, id) => {
    const canceled = await c.cancelTask({ tenant: '', id, metadata: undefined });
    result.cancelAnswer = taskStateToJSON(canceled.status.state);
  });
} else {
  for (const model of models.split(',')) {
    result.runs[model] = await run(client, model);
  }
}

console.log(JSON.stringify(result));
