using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>wrong-content-type</c>: the stream is sent as it should be, but labelled <see cref="ContentType"/> (default
/// <c>application/json; charset=utf-8</c>) instead of <c>application/x-ndjson</c> or <c>text/event-stream</c>.
/// A client that dispatches on the content type buffers the whole body or refuses it; a robust one reads lines anyway.
/// </summary>
public sealed class WrongContentTypeFault(string contentType) : StreamFault
{
    public override string Name => FaultCatalog.WrongContentType;

    public string ContentType { get; } = !string.IsNullOrWhiteSpace(contentType) ? contentType
        : throw new ArgumentException("content_type must not be empty.", nameof(contentType));

    public override async ValueTask<FaultAction> BeforeHeadersAsync(FaultContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Framing == Streaming.StreamFraming.Json)
        {
            return FaultAction.Continue;
        }

        context.Record(this, $"sent the stream as {ContentType}");
        await context.SendHeadersAsync(ContentType).ConfigureAwait(false);
        return FaultAction.Continue;
    }
}
