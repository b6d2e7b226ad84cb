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
/// <c>/api/generate</c> on the wire: a <c>response</c> (or <c>thinking</c>) chunk per token, then the final chunk with
/// <c>"response":""</c>, the metrics and <c>context</c>; with stream:false, only that final chunk with the text joined.
/// One chunk object is reused for the whole stream.
/// </summary>
internal sealed class NativeGenerateWriter(ResponseStream stream, string model, bool streaming, bool withContext, TimeProvider time)
    : IAnswerWriter
{
    /// <summary>Comes before any string value (model, created_at, response, thinking, done_reason), so it is found first.</summary>
    private static readonly ReadOnlyMemory<byte> ContextAnchor = "\"context\":["u8.ToArray();

    private readonly GenerateResponse _chunk = new() { Model = model };
    private readonly StringBuilder _response = new();
    private readonly StringBuilder _thinking = new();

    public ValueTask<bool> ThinkingAsync(string token) => TokenAsync("", token, LineKind.Thinking);

    public ValueTask<bool> ContentAsync(string token) => TokenAsync(token, null, LineKind.Content);

    private readonly List<Logprob> _logprobs = [];
    private List<ToolCall>? _finalCalls;
    private TokenLineTemplates? _lines;

    /// <summary>Set when the request asked for logprobs: each token's chunk carries its own.</summary>
    public LogprobSource? Logprobs { get; init; }

    /// <summary>Generate has no tools to stream.</summary>
    public ValueTask<bool> ToolCallAsync(ToolCallSpec call, int index, string id) => ValueTask.FromResult(true);

    /// <summary>Calls a built-in parser found: only on the final chunk (or body).</summary>
    public ValueTask<bool> FinalToolCallsAsync(IReadOnlyList<(ToolCallSpec Call, string? Id)> calls)
    {
        _finalCalls = [.. calls.Select((c, i) => c.Call.ToNative(i, c.Id))];
        return ValueTask.FromResult(true);
    }

    public async ValueTask FinishAsync(string doneReason, FinalChunkMetrics metrics)
    {
        _chunk.CreatedAt = OllamaTimestamp.Format(time.GetUtcNow());
        _chunk.Response = streaming ? "" : _response.ToString();
        _chunk.Thinking = streaming || _thinking.Length == 0 ? null : _thinking.ToString();
        _chunk.Done = true;
        _chunk.DoneReason = doneReason;
        // An empty array marks where the ids go: they are written in pieces (#26: millions for a large prompt).
        _chunk.Context = withContext ? [] : null;
        _chunk.ToolCalls = _finalCalls;
        _chunk.Logprobs = streaming || _logprobs.Count == 0 ? null : _logprobs;
        metrics.CopyTo(_chunk);
        if (withContext)
        {
            var ids = new ContextIds(metrics.PromptEvalCount + metrics.EvalCount);
            var kind = streaming ? LineKind.Final : LineKind.Body;
            _ = await stream.WriteSplicedAsync(_chunk, ProtocolJson.Context.GenerateResponse, kind, ContextAnchor, ids)
                .ConfigureAwait(false);
            return;
        }

        _ = streaming
            ? await stream.WriteAsync(_chunk, ProtocolJson.Context.GenerateResponse, LineKind.Final).ConfigureAwait(false)
            : await stream.WriteBodyAsync(_chunk, ProtocolJson.Context.GenerateResponse, trailingNewline: false).ConfigureAwait(false);
    }

    private ValueTask<bool> TokenAsync(string response, string? thinking, LineKind kind)
    {
        var logprob = Logprobs?.Next(thinking ?? response);
        if (!streaming)
        {
            _ = thinking is null ? _response.Append(response) : _thinking.Append(thinking);
            if (logprob is not null)
            {
                _logprobs.Add(logprob);
            }

            stream.BufferedTokens++;
            return ValueTask.FromResult(true);
        }

        var text = thinking ?? response;
        if (logprob is null && TokenLineTemplate.Fits(text))
        {
            return stream.WriteAsync(Lines.For(thinking is not null), time.GetUtcNow(), text, kind, response.Length);
        }

        _chunk.Logprobs = logprob is null ? null : [logprob];
        SetTokenChunk(CreatedAtStamp.Placeholder, response, thinking);
        return stream.WriteAsync(_chunk, ProtocolJson.Context.GenerateResponse, kind, time.GetUtcNow(), response.Length);
    }

    /// <summary>The stream's token lines without logprobs, as templates cut from the chunk.</summary>
    private TokenLineTemplates Lines => _lines ??= new("\"response\":"u8.ToArray(), thinking =>
    {
        _chunk.Logprobs = null;
        SetTokenChunk("", "", thinking ? "" : null);
        return stream.Render(_chunk, ProtocolJson.Context.GenerateResponse);
    });

    private void SetTokenChunk(string createdAt, string response, string? thinking)
    {
        _chunk.CreatedAt = createdAt;
        _chunk.Response = response;
        _chunk.Thinking = thinking;
    }
}
