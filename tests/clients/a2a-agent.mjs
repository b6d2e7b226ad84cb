// A tiny A2A agent built with @a2a-js/sdk's own server classes, for the harness's A2A probe tests.
// Usage: node a2a-agent.mjs. It listens on a free loopback port, prints {"port":N} on one line, and serves JSON-RPC at "/" in both
// A2A v1.0 and, for requests with "A2A-Version: 0.3", the legacy v0.3 shapes.
// The request's metadata.model picks the behaviour, as a relay's model picks the fake's fault: "stream" sends the
// text CHUNKS below, one artifact-update each, then completes; "fail" ends after two chunks with a failed status
// and a reason; "throw" makes the executor throw after two chunks (the SDK turns that into a failed status);
// "truncate" stops after two chunks with no final status; "reply" answers with one direct message, no task.
import express from 'express';
import { Role, TaskState } from '@a2a-js/sdk';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import { jsonRpcHandler, UserBuilder } from '@a2a-js/sdk/server/express';

export const CHUNKS = ['Hel', 'lo, ', 'wörld', ' — ', 'A2A', '!'];

const text = value => ({ content: { $case: 'text', value }, metadata: undefined, filename: '', mediaType: '' });

const executor = {
  async execute(context, bus) {
    const mode = context.request?.metadata?.model ?? 'stream';
    if (mode === 'reply') {
      bus.publish(AgentEvent.message({ messageId: 'm-reply', contextId: context.contextId, taskId: '', role: Role.ROLE_AGENT, parts: [text(CHUNKS.join(''))], extensions: [], referenceTaskIds: [] }));
      bus.finished();
      return;
    }

    const taskId = context.taskId;
    const contextId = context.contextId;
    const status = (state, message) => AgentEvent.statusUpdate({ taskId, contextId, status: { state, message }, metadata: undefined });
    bus.publish(AgentEvent.task({ id: taskId, contextId, status: { state: TaskState.TASK_STATE_SUBMITTED }, artifacts: [], history: [] }));
    bus.publish(status(TaskState.TASK_STATE_WORKING));
    const count = mode === 'stream' ? CHUNKS.length : 2;
    for (let i = 0; i < count; i++) {
      bus.publish(AgentEvent.artifactUpdate({
        taskId, contextId, append: i > 0, lastChunk: mode === 'stream' && i === count - 1, metadata: undefined,
        artifact: { artifactId: 'answer', name: '', description: '', parts: [text(CHUNKS[i])], metadata: undefined, extensions: [] },
      }));
    }

    if (mode === 'throw') {
      throw new Error('model runner crashed');
    }

    if (mode === 'truncate') {
      bus.finished();
      return;
    }

    const reason = mode === 'fail'
      ? { messageId: 'm-fail', contextId, taskId, role: Role.ROLE_AGENT, parts: [text('upstream stream ended early')], extensions: [], referenceTaskIds: [] }
      : undefined;
    bus.publish(status(mode === 'fail' ? TaskState.TASK_STATE_FAILED : TaskState.TASK_STATE_COMPLETED, reason));
    bus.finished();
  },
  async cancelTask() {},
};

const card = {
  name: 'harness-test-agent',
  description: 'Streams a fixed text in chunks',
  supportedInterfaces: [
    { url: 'http://127.0.0.1/', protocolBinding: 'JSONRPC', protocolVersion: '1.0', tenant: '' },
    { url: 'http://127.0.0.1/', protocolBinding: 'JSONRPC', protocolVersion: '0.3', tenant: '' },
  ],
  provider: undefined,
  version: '1.0.0',
  capabilities: { streaming: true, pushNotifications: false, extensions: [] },
  securitySchemes: {},
  securityRequirements: [],
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [],
  signatures: [],
};

const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), executor);
const app = express();
app.use('/', jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication, legacyCompat: { enabled: true } }));
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
