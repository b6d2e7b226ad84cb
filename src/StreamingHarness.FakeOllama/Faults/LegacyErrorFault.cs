using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>legacy-error</c>: how Ollama before 0.12.6 failed once the handler was streaming, even before the first token:
/// status 200 with <c>application/x-ndjson</c>, then the single line <c>{"error":"…"}</c> and a clean end. A client that
/// trusts the status code reports success with an empty answer.
/// </summary>
public sealed class LegacyErrorFault(string message) : StreamFault
{
    public override string Name => FaultCatalog.LegacyError;

    public string Message { get; } = message;

    public override async ValueTask<FaultAction> BeforeHeadersAsync(FaultContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Responses (0.13.3) and Messages (0.14.0) came after 0.12.6: no Ollama ever answered them this way.
        if (context.Framing == Streaming.StreamFraming.Json
            || context.Flavor is Streaming.ApiFlavor.OpenAiResponses or Streaming.ApiFlavor.Anthropic)
        {
            return FaultAction.Continue;
        }

        context.Record(this, $"status 200, then the error line before any chunk: {Message}");
        await context.SendHeadersAsync().ConfigureAwait(false);
        await InBandError.WriteAsync(context, Message, ReadOnlyMemory<byte>.Empty).ConfigureAwait(false);
        context.EndStream("legacy in-band error before the first chunk");
        return FaultAction.Stop;
    }
}
