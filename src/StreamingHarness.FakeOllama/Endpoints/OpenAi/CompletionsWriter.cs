using System.Text;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.OpenAi;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Endpoints.OpenAi;

/// <summary>
/// <c>/v1/completions</c> as Ollama's CompleteWriter frames the generate stream: <c>data: {text_completion}\n\n</c> per
/// native chunk (a thinking token is a chunk with empty text: the layer reads only <c>response</c>), the final chunk with
/// <c>"text":""</c> and its <c>finish_reason</c>; with <c>include_usage</c> a zero usage object on every chunk, then the
/// real usage in a chunk with <c>"choices":[]</c>; then <c>[DONE]</c>. Not streamed: one <c>text_completion</c> body with
/// Go's json.Encoder newline.
/// </summary>
internal sealed class CompletionsWriter : IAnswerWriter
{
    private readonly ResponseStream _stream;
    private readonly bool _streaming;
    private readonly bool _includeUsage;
    private readonly TimeProvider _time;
    private readonly CompletionChunk _chunk;
    private readonly CompletionTextChoice _choice = new();
    private readonly StringBuilder _text = new();

    public CompletionsWriter(ResponseStream stream, string model, string id, TimeProvider time, bool streaming, bool includeUsage)
    {
        _stream = stream;
        _streaming = streaming;
        _includeUsage = includeUsage;
        _time = time;
        _chunk = new CompletionChunk { Id = id, Model = model, Choices = [_choice], Usage = includeUsage ? new Usage() : null };
    }

    public ValueTask<bool> ThinkingAsync(string token) => _streaming ? WriteAsync("", null, LineKind.Thinking) : Buffer("");

    public ValueTask<bool> ContentAsync(string token) => _streaming ? WriteAsync(token, null, LineKind.Content) : Buffer(token);

    /// <summary>Generate carries no tool calls; the completions layer has no place for them.</summary>
    public ValueTask<bool> ToolCallAsync(ToolCallSpec call, int index, string id) => ValueTask.FromResult(true);

    public async ValueTask FinishAsync(string doneReason, FinalChunkMetrics metrics)
    {
        var usage = new Usage
        {
            PromptTokens = metrics.PromptEvalCount,
            CompletionTokens = metrics.EvalCount,
            TotalTokens = metrics.PromptEvalCount + metrics.EvalCount,
        };
        if (!_streaming)
        {
            var completion = new TextCompletion
            {
                Id = _chunk.Id,
                Created = _time.GetUtcNow().ToUnixTimeSeconds(),
                Model = _chunk.Model,
                Choices = [new CompletionTextChoice { Text = _text.ToString(), FinishReason = doneReason }],
                Usage = usage,
            };
            await _stream.WriteBodyAsync(completion, ProtocolJson.Context.TextCompletion, trailingNewline: true);
            return;
        }

        if (!await WriteAsync("", doneReason, LineKind.Final))
        {
            return;
        }

        if (_includeUsage)
        {
            _chunk.Choices = [];
            _chunk.Usage = usage;
            if (!await _stream.WriteAsync(_chunk, ProtocolJson.Context.CompletionChunk, LineKind.Usage))
            {
                return;
            }
        }

        await _stream.WriteDoneMarkerAsync();
    }

    private ValueTask<bool> Buffer(string token)
    {
        _text.Append(token);
        _stream.BufferedTokens++;
        return ValueTask.FromResult(true);
    }

    /// <summary>Ollama stamps <c>created</c> on each chunk (time.Now), unlike chat, which pins the first.</summary>
    private ValueTask<bool> WriteAsync(string text, string? finishReason, LineKind kind)
    {
        _choice.Text = text;
        _choice.FinishReason = finishReason;
        _chunk.Created = _time.GetUtcNow().ToUnixTimeSeconds();
        return _stream.WriteAsync(_chunk, ProtocolJson.Context.CompletionChunk, kind, textLength: text.Length);
    }
}
