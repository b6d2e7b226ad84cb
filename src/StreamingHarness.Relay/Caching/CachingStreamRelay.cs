using Microsoft.Extensions.Options;
using StreamingHarness.Relay.Streaming;
using StreamingHarness.Relay.Upstream;

namespace StreamingHarness.Relay.Caching;

/// <summary>
/// The cache in front of <see cref="StreamRelay"/>: a deterministic request (see <see cref="ResponseCacheKey"/>) is
/// replayed when this API key already has its completed stream, and otherwise relayed, recorded, and stored only if it
/// ended with <c>done</c> and the client stayed to the end. <c>X-Relay-Cache: hit|miss</c> tells the client which;
/// a request that cannot be cached, or a relay with the cache off, gets no such header.
/// </summary>
internal sealed class CachingStreamRelay(
    StreamRelay relay, ResponseCache cache, CachedStreamReplayer replayer, IOptions<RelayOptions> options, TimeProvider time)
{
    public const string HeaderName = "X-Relay-Cache";

    private readonly CacheOptions _options = options.Value.Cache;

    public async Task RelayAsync(HttpContext context, UpstreamRequest request, IStreamFormat format)
    {
        if (!_options.Enabled || ResponseCacheKey.For(context.Request.Path, request.Body, Scope(context)) is not { } key)
        {
            await relay.RelayAsync(context, request, format);
            return;
        }

        if (await cache.GetAsync(key, context.RequestAborted) is { } hit)
        {
            context.Response.Headers[HeaderName] = "hit";
            await replayer.ReplayAsync(context, request.Model, format, hit);
            return;
        }

        context.Response.Headers[HeaderName] = "miss";
        var recording = new RecordingStreamFormat(format, _options.MaxEntryBytes, time);
        await relay.RelayAsync(context, request, recording);

        // In memory before the response ends, so a repeat sent to this relay after this one completed is a hit; in Redis
        // only after it has ended, so a slow or absent Redis never holds up the client's last bytes.
        if (recording.Take() is { } entry && !context.RequestAborted.IsCancellationRequested)
        {
            await cache.StoreAsync(key, entry);
            if (cache.HasSharedLevel)
            {
                context.Response.OnCompleted(() => cache.StoreSharedAsync(key, entry));
            }
        }
    }

    /// <summary>Entries are per API key (its id, not the secret); with auth off everyone shares one scope.</summary>
    private static string Scope(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } keyId } ? "key:" + keyId : "anonymous";
}
