using System.Text;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;
using StreamingHarness.Protocol.Time;

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

    public ValueTask<bool> ThinkingAsync(string token) => TokenAsync("", token, LineKind.Thinking);

    public ValueTask<bool> ContentAsync(string token) => TokenAsync(token, null, LineKind.Content);

    public ValueTask<bool> ToolCallAsync(ToolCallSpec call, int index, string id)
    {
        var toolCall =
            new ToolCall { Id = id, Function = new ToolCallFunction { Index = index, Name = call.Name, Arguments = call.Arguments } };
        if (!streaming)
        {
            _toolCalls.Add(toolCall);
            return ValueTask.FromResult(true);
        }

        _chunk.CreatedAt = OllamaTimestamp.Format(time.GetUtcNow());
        _chunk.Message = new ChatMessage { Content = "", ToolCalls = [toolCall] };
        return stream.WriteAsync(_chunk, ProtocolJson.Context.ChatResponse, LineKind.ToolCall);
    }

    public async ValueTask FinishAsync(string doneReason, FinalChunkMetrics metrics)
    {
        _chunk.CreatedAt = OllamaTimestamp.Format(time.GetUtcNow());
        _chunk.Message = streaming
            ? new ChatMessage { Content = "" }
            : new ChatMessage
            {
                Content = _content.ToString(),
                Thinking = _thinking.Length == 0 ? null : _thinking.ToString(),
                ToolCalls = _toolCalls.Count == 0 ? null : _toolCalls,
            };
        _chunk.Done = true;
        _chunk.DoneReason = doneReason;
        metrics.CopyTo(_chunk);
        _ = streaming
            ? await stream.WriteAsync(_chunk, ProtocolJson.Context.ChatResponse, LineKind.Final).ConfigureAwait(false)
            : await stream.WriteBodyAsync(_chunk, ProtocolJson.Context.ChatResponse, trailingNewline: false).ConfigureAwait(false);
    }

    private ValueTask<bool> TokenAsync(string content, string? thinking, LineKind kind)
    {
        if (!streaming)
        {
            _ = thinking is null ? _content.Append(content) : _thinking.Append(thinking);
            stream.BufferedTokens++;
            return ValueTask.FromResult(true);
        }

        _chunk.CreatedAt = CreatedAtStamp.Placeholder;
        var message = _chunk.Message;
        message.Content = content;
        message.Thinking = thinking;
        message.ToolCalls = null;
        return stream.WriteAsync(_chunk, ProtocolJson.Context.ChatResponse, kind, time.GetUtcNow(), content.Length);
    }
}
