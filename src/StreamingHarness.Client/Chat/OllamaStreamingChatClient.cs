using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using StreamingHarness.Client.Events;
using StreamingHarness.Client.Transport;

namespace StreamingHarness.Client;

/// <summary>
/// Ollama's <c>/api/chat</c> as an <see cref="IChatClient"/> that survives every fault: first-token, idle and total
/// deadlines, retries before the first token only, and every failure (or a stream that ends without Ollama's
/// <c>done</c>) thrown as one <see cref="OllamaStreamException"/>, never a silent end. Text streams as
/// <see cref="TextContent"/>, thinking as <see cref="TextReasoningContent"/>, tool calls as
/// <see cref="FunctionCallContent"/>, and the last update carries <see cref="UsageContent"/> and the finish reason.
/// Thread-safe; one instance per application (it pools connections).
/// </summary>
public sealed class OllamaStreamingChatClient : IChatClient
{
    private readonly OllamaStreamingOptions _options;
    private readonly OllamaTransport _transport;
    private readonly OllamaEventStream _events;
    private readonly TimeProvider _time;
    private readonly ChatClientMetadata _metadata;

    public OllamaStreamingChatClient(OllamaStreamingOptions options)
        : this(options, httpClient: null)
    {
    }

    /// <param name="options">Where Ollama is and how long to wait for it.</param>
    /// <param name="httpClient">Yours to keep and dispose; its handler's connect timeout applies instead of
    /// <see cref="OllamaConnectionOptions.ConnectTimeout"/>.</param>
    /// <param name="timeProvider">The clock of every deadline and backoff (tests pass a fake one). Default: the system clock.</param>
    public OllamaStreamingChatClient(OllamaStreamingOptions options, HttpClient? httpClient, TimeProvider? timeProvider = null)
    {
        OllamaStreamingOptionsConsistencyValidator.ThrowIfInvalid(options);
        _options = options.Clone();
        _time = timeProvider ?? TimeProvider.System;
        _transport = new OllamaTransport(_options, _time, httpClient);
        _events = new OllamaEventStream(_transport, _options, _time);
        _metadata = new ChatClientMetadata("ollama", _transport.BaseAddress, _options.Model);
    }

    /// <summary>
    /// The stream itself, as typed events (token, thinking, tool call, done), for callers that render as it comes:
    /// no allocation per token, the optional coalescing window, and <paramref name="progress"/> after each event.
    /// Ends with exactly one <see cref="OllamaStreamEventKind.Done"/> event, or throws <see cref="OllamaStreamException"/>.
    /// </summary>
    public IAsyncEnumerable<OllamaStreamEvent> StreamAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, IProgress<StreamProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var (body, _, promptChars) = Chat.ChatRequestBuilder.Build(messages, options, _options.Model, _options.StreamingThreshold);
        return _events.StreamAsync(body, promptChars >= _options.StreamingThreshold, progress, cancellationToken);
    }

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var (body, model, promptChars) = Chat.ChatRequestBuilder.Build(messages, options, _options.Model, _options.StreamingThreshold);
        var responseId = Guid.NewGuid().ToString("N");
        var created = _time.GetUtcNow();
        var calledTools = false;
        await foreach (var item in _events.StreamAsync(body, promptChars >= _options.StreamingThreshold, progress: null, cancellationToken)
            .ConfigureAwait(false))
        {
            AIContent content;
            ChatFinishReason? finish = null;
            switch (item.Kind)
            {
                case OllamaStreamEventKind.Token:
                    content = new TextContent(item.Text);
                    break;
                case OllamaStreamEventKind.Thinking:
                    content = new TextReasoningContent(item.Text);
                    break;
                case OllamaStreamEventKind.ToolCall:
                    calledTools = true;
                    var call = item.ToolCall!;
                    content = new FunctionCallContent(call.Id, call.Name, call.Arguments.ToDictionary(a => a.Key, a => (object?)a.Value));
                    break;
                default:
                    var summary = item.Summary!;
                    content = new UsageContent(new UsageDetails
                    {
                        InputTokenCount = summary.PromptTokens,
                        OutputTokenCount = summary.CompletionTokens,
                        TotalTokenCount = summary.PromptTokens + summary.CompletionTokens,
                    });
                    finish = calledTools ? ChatFinishReason.ToolCalls
                        : summary.DoneReason == "length" ? ChatFinishReason.Length
                        : summary.DoneReason == "stop" ? ChatFinishReason.Stop
                        : new ChatFinishReason(summary.DoneReason);
                    break;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, [content])
            {
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = model,
                CreatedAt = created,
                FinishReason = finish,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose() => _transport.Dispose();
}
