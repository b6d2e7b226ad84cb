using Microsoft.AspNetCore.Http;
using StreamingHarness.Testing.Network;

namespace StreamingHarness.Harness.Tests.Verify.NaiveRelays;

/// <summary>
/// A naive relay's one endpoint on a free loopback port (real sockets: a client that leaves must look like one),
/// with the HttpClient it calls the upstream with. Any other method or path is a 404.
/// </summary>
internal sealed class NaiveRelayHost(KestrelStub app, HttpClient upstreamClient) : IAsyncDisposable
{
    public Uri BaseAddress => app.BaseAddress;

    public static async Task<NaiveRelayHost> StartAsync(string path, Func<HttpContext, HttpClient, Task> handle)
    {
        // The relay's own deadlines bound every upstream call, so HttpClient's 100 s default must not cut in.
        var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var app = await KestrelStub.StartAsync(context =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == path)
            {
                return handle(context, client);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return new NaiveRelayHost(app, client);
    }

    /// <summary>
    /// Closes the upstream connections first: a handler stuck on a silent or endless upstream (no idle timeout, no
    /// cancel) then ends at once, instead of holding Kestrel's shutdown for its 30 s timeout.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        upstreamClient.Dispose();
        await app.DisposeAsync();
    }
}
