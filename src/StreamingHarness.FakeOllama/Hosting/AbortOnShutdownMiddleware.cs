namespace StreamingHarness.FakeOllama.Hosting;

/// <summary>
/// Aborts every open request as soon as the fake is asked to stop. Some streams never end by themselves (a stall
/// that hangs until the client leaves, a 100,000-token answer a service forgot to cancel); without this they would
/// hold Kestrel's shutdown for its whole drain timeout (30 s) after every test and every verify run. The client
/// sees an aborted connection, as from an Ollama that went away.
/// </summary>
internal sealed class AbortOnShutdownMiddleware(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    public async Task InvokeAsync(HttpContext http)
    {
        using var registration = lifetime.ApplicationStopping.Register(static state => ((HttpContext)state!).Abort(), http);
        await next(http);
    }
}
