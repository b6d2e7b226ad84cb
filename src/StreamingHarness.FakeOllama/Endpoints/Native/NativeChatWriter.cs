using System.Text;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.Time;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Endpoints.Native;

/// <summary>
/// <c>/api/chat</c> on the wire: a <c>message</c> chunk per token (thinking in <c>message.thinking</c>), each tool call
/// whole in its own chunk with <c>content:""</c>, then the final chunk whose message is always
/// <c>{"role":"assistant","content":""}</c>; with stream:false, the final chunk carrying the joined message.
/// </summary>
internal sealed class NativeChatWriter(ResponseStream stream, string model, bool streaming, TimeProvider time) : IAnswerWriter
{
    private readonly ChatResponse _chunk = new() { Model = model };
    private readonly StringBuilder _content = new();
    private readonly StringBuilder _thinking = new();
    private readonly List<ToolCall> _toolCalls = [];
    private readonly List<ToolCall> _finalCalls = [];
    private readonly List<Logprob> _logprobs = [];
    private TokenLineTemplates? _lines;

    /// <summary>Set when the request asked for logprobs: each token's chunk carries its own.</summary>
    public LogprobSource? Logprobs { get; init; }

    public ValueTask<bool> ThinkingAsync(string token) => TokenAsync("", token, LineKind.Thinking);

    public ValueTask<bool> ContentAsync(string token) => TokenAsync(token, null, LineKind.Content);

    public ValueTask<bool> ToolCallAsync(ToolCallSpec call, int index, string id)
    {
        var toolCall = call.ToNative(index, id);
        if (!streaming)
        {
            _toolCalls.Add(toolCall);
            return ValueTask.FromResult(true);
        }

        _chunk.CreatedAt = OllamaTimestamp.Format(time.GetUtcNow());
        _chunk.Message = new ChatMessage { Content = "", ToolCalls = [toolCall] };
        _chunk.Logprobs = null;
        return stream.WriteAsync(_chunk, ProtocolJson.Context.ChatResponse, LineKind.ToolCall);
    }

    /// <summary>The native path: the calls go on the done chunk (and into the body when not streamed).</summary>
    public ValueTask<bool> FinalToolCallsAsync(IReadOnlyList<(ToolCallSpec Call, string? Id)> calls)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            (streaming ? _finalCalls : _toolCalls).Add(calls[i].Call.ToNative(i, calls[i].Id));
        }

        return ValueTask.FromResult(true);
    }

    public async ValueTask FinishAsync(string doneReason, FinalChunkMetrics metrics)
    {
        _chunk.CreatedAt = OllamaTimestamp.Format(time.GetUtcNow());
        _chunk.Message = streaming
            ? new ChatMessage { Content = "", ToolCalls = _finalCalls.Count == 0 ? null : _finalCalls }
            : new ChatMessage
            {
                Content = _content.ToString(),
                Thinking = _thinking.Length == 0 ? null : _thinking.ToString(),
                ToolCalls = _toolCalls.Count == 0 ? null : _toolCalls,
            };
        _chunk.Done = true;
        _chunk.DoneReason = doneReason;
        _chunk.Logprobs = streaming || _logprobs.Count == 0 ? null : _logprobs;
        metrics.CopyTo(_chunk);
        _ = streaming
            ? await stream.WriteAsync(_chunk, ProtocolJson.Context.ChatResponse, LineKind.Final).ConfigureAwait(false)
            : await stream.WriteBodyAsync(_chunk, ProtocolJson.Context.ChatResponse, trailingNewline: false).ConfigureAwait(false);
    }

    private ValueTask<bool> TokenAsync(string content, string? thinking, LineKind kind)
    {
        var logprob = Logprobs?.Next(thinking ?? content);
        if (!streaming)
        {
            _ = thinking is null ? _content.Append(content) : _thinking.Append(thinking);
            if (logprob is not null)
            {
                _logprobs.Add(logprob);
            }

            stream.BufferedTokens++;
            return ValueTask.FromResult(true);
        }

        var text = thinking ?? content;
        if (logprob is null && TokenLineTemplate.Fits(text))
        {
            return stream.WriteAsync(Lines.For(thinking is not null), time.GetUtcNow(), text, kind, content.Length);
        }

        _chunk.Logprobs = logprob is null ? null : [logprob];
        SetTokenChunk(CreatedAtStamp.Placeholder, content, thinking);
        return stream.WriteAsync(_chunk, ProtocolJson.Context.ChatResponse, kind, time.GetUtcNow(), content.Length);
    }

    /// <summary>The stream's token lines without logprobs, as templates cut from the chunk.</summary>
    private TokenLineTemplates Lines => _lines ??= new("\"content\":"u8.ToArray(), thinking =>
    {
        _chunk.Logprobs = null;
        SetTokenChunk("", "", thinking ? "" : null);
        return stream.Render(_chunk, ProtocolJson.Context.ChatResponse);
    });

    private void SetTokenChunk(string createdAt, string content, string? thinking)
    {
        _chunk.CreatedAt = createdAt;
        var message = _chunk.Message;
        message.Content = content;
        message.Thinking = thinking;
        message.ToolCalls = null;
    }
}
