using System.Text;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.OpenAi;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Endpoints.OpenAi;

/// <summary>
/// <c>/v1/chat/completions</c> as Ollama (≥ v0.32.6) frames it: <c>data: {chunk}\n\n</c> per token with the role only
/// in the first chunk and thinking in <c>delta.reasoning</c>; tool calls whole with string arguments; a finish chunk
/// with <c>"delta":{}</c>; a usage chunk with <c>"choices":[]</c> when asked; then <c>data: [DONE]</c>.
/// Not streamed: one <c>chat.completion</c> object with a trailing newline (Go's json.Encoder).
/// </summary>
internal sealed class OpenAiChatWriter : IAnswerWriter
{
    private readonly ResponseStream _stream;
    private readonly bool _streaming;
    private readonly bool _includeUsage;
    private readonly ChatCompletionChunk _chunk;
    private readonly ChunkChoice _choice = new();
    private readonly ChunkDelta _delta = new();
    private readonly StringBuilder _content = new();
    private readonly StringBuilder _reasoning = new();
    private readonly List<OpenAiToolCall> _toolCalls = [];
    private readonly List<Logprob> _logprobs = [];
    private bool _roleSent;

    /// <summary>Set when the request asked for logprobs: each token's chunk carries <c>logprobs.content</c>.</summary>
    public LogprobSource? Logprobs { get; init; }

    public OpenAiChatWriter(ResponseStream stream, string model, string id, long created, bool streaming, bool includeUsage)
    {
        _stream = stream;
        _streaming = streaming;
        _includeUsage = includeUsage;
        _chunk = new ChatCompletionChunk { Id = id, Created = created, Model = model, Choices = [_choice] };
    }

    public ValueTask<bool> ThinkingAsync(string token) =>
        _streaming ? WriteDeltaAsync(null, token, null, LineKind.Thinking, Logprobs?.Next(token)) : Buffer(_reasoning, token);

    public ValueTask<bool> ContentAsync(string token) =>
        _streaming ? WriteDeltaAsync(token, null, null, LineKind.Content, Logprobs?.Next(token)) : Buffer(_content, token);

    public ValueTask<bool> ToolCallAsync(ToolCallSpec call, int index, string id)
    {
        var toolCall = new OpenAiToolCall
        {
            Id = id,
            Index = index,
            Function = new OpenAiFunctionCall { Name = call.Name, Arguments = call.Arguments.ToJsonString(ProtocolJson.Options) },
        };
        _toolCalls.Add(toolCall);
        return _streaming ? WriteDeltaAsync(null, null, [toolCall], LineKind.ToolCall) : ValueTask.FromResult(true);
    }

    public async ValueTask FinishAsync(string doneReason, FinalChunkMetrics metrics)
    {
        var finishReason = _toolCalls.Count > 0 && doneReason == "stop" ? "tool_calls" : doneReason;
        var usage = new Usage
        {
            PromptTokens = metrics.PromptEvalCount,
            CompletionTokens = metrics.EvalCount,
            TotalTokens = metrics.PromptEvalCount + metrics.EvalCount,
        };
        if (!_streaming)
        {
            var completion = new ChatCompletion
            {
                Id = _chunk.Id,
                Created = _chunk.Created,
                Model = _chunk.Model,
                Choices =
                [
                    new CompletionChoice
                    {
                        Message = new CompletionMessage
                        {
                            Content = _content.ToString(),
                            Reasoning = _reasoning.Length == 0 ? null : _reasoning.ToString(),
                            ToolCalls = _toolCalls.Count == 0 ? null : _toolCalls,
                        },
                        FinishReason = finishReason,
                        Logprobs = _logprobs.Count == 0 ? null : new ChoiceLogprobs { Content = _logprobs },
                    },
                ],
                Usage = usage,
            };
            await _stream.WriteBodyAsync(completion, ProtocolJson.Context.ChatCompletion, trailingNewline: true);
            return;
        }

        _choice.Delta = new ChunkDelta();
        _choice.FinishReason = finishReason;
        _choice.Logprobs = null;
        if (!await _stream.WriteAsync(_chunk, ProtocolJson.Context.ChatCompletionChunk, LineKind.Final))
        {
            return;
        }

        if (_includeUsage)
        {
            _chunk.Choices = [];
            _chunk.Usage = usage;
            if (!await _stream.WriteAsync(_chunk, ProtocolJson.Context.ChatCompletionChunk, LineKind.Usage))
            {
                return;
            }
        }

        await _stream.WriteDoneMarkerAsync();
    }

    private ValueTask<bool> Buffer(StringBuilder target, string token)
    {
        target.Append(token);
        if (Logprobs?.Next(token) is { } logprob)
        {
            _logprobs.Add(logprob);
        }

        _stream.BufferedTokens++;
        return ValueTask.FromResult(true);
    }

    /// <summary>One delta object is reused for the whole stream; the role goes out once, in the first chunk.</summary>
    private ValueTask<bool> WriteDeltaAsync(
        string? content, string? reasoning, IList<OpenAiToolCall>? toolCalls, LineKind kind, Logprob? logprob = null)
    {
        _choice.Logprobs = logprob is null ? null : new ChoiceLogprobs { Content = [logprob] };
        _delta.Role = _roleSent ? null : "assistant";
        _roleSent = true;
        _delta.Content = content;
        _delta.Reasoning = reasoning;
        _delta.ToolCalls = toolCalls;
        _choice.Delta = _delta;
        _choice.FinishReason = null;
        return _stream.WriteAsync(_chunk, ProtocolJson.Context.ChatCompletionChunk, kind, textLength: content?.Length ?? 0);
    }
}
