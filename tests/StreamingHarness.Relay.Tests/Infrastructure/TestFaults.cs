extern alias fake;
using System.Text;
using fake::StreamingHarness.FakeOllama.Faults;
using fake::StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.Relay.Tests.Infrastructure;

/// <summary>
/// Small faults built on the fake's public fault hook, each striking after a number of tokens, for relay behaviours
/// the built-in fault scenarios do not pin down exactly (a given token count, a given status).
/// </summary>
public static class TestFaults
{
    /// <summary>Writes Ollama's mid-stream <c>{"error":...}</c> line, then ends the body cleanly.</summary>
    public static IStreamFault ErrorLineAfter(int tokens, string message) => new AfterTokens(tokens, "error-line", async context =>
    {
        await context.WriteRawAsync(Encoding.UTF8.GetBytes($$"""{"error":"{{message}}"}""" + "\n"));
        context.EndStream("error line");
    });

    /// <summary>
    /// Resets the connection mid-stream once <paramref name="go"/> completes: a reset throws away what is still in the
    /// server's send buffer, so the test first makes sure the tokens before it reached the client.
    /// </summary>
    public static IStreamFault AbortAfter(int tokens, Task go) => new AfterTokens(tokens, "abort", async context =>
    {
        await go.WaitAsync(TimeSpan.FromSeconds(30));
        context.Abort("abort");
    });

    /// <summary>Ends the body cleanly with no done line.</summary>
    public static IStreamFault EndAfter(int tokens) => new AfterTokens(tokens, "early-eof", context =>
    {
        context.EndStream("early eof");
        return Task.CompletedTask;
    });

    /// <summary>Keeps the connection open and silent until the client leaves.</summary>
    public static IStreamFault StallAfter(int tokens) =>
        new AfterTokens(tokens, "stall", context => context.DelayAsync(TimeSpan.FromHours(1)));

    /// <summary>Writes a line that is not JSON, then carries on normally.</summary>
    public static IStreamFault GarbageAfter(int tokens) => new AfterTokens(tokens, "garbage", async context =>
        await context.WriteRawAsync("{this is not json\n"u8.ToArray()), stop: false);

    /// <summary>Holds the status line back until the client leaves (a model that never loads).</summary>
    public static IStreamFault StallBeforeHeaders() => new BeforeHeaders(context => context.DelayAsync(TimeSpan.FromHours(1)));

    private sealed class AfterTokens(int tokens, string name, Func<FaultContext, Task> strike, bool stop = true) : StreamFault
    {
        private bool _struck;

        public override string Name => name;

        public override async ValueTask<FaultAction> BeforeLineAsync(FaultContext context, OutgoingLine line)
        {
            if (_struck || line.TokensBefore < tokens)
            {
                return FaultAction.Continue;
            }

            _struck = true;
            await strike(context);
            return stop ? FaultAction.Stop : FaultAction.Continue;
        }
    }

    private sealed class BeforeHeaders(Func<FaultContext, Task> strike) : StreamFault
    {
        public override string Name => "before-headers";

        public override async ValueTask<FaultAction> BeforeHeadersAsync(FaultContext context)
        {
            await strike(context);
            return FaultAction.Continue;
        }
    }
}
