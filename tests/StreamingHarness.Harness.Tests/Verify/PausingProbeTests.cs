using Shouldly;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Harness.Tests.Probes;
using StreamingHarness.Harness.Verify;

namespace StreamingHarness.Harness.Tests.Verify;

/// <summary>slow-reader's probe passes the inner probe's reading through, its bytes counted once.</summary>
public sealed class PausingProbeTests
{
    private static readonly ProbeRequestOptions Options = new(new Uri("http://127.0.0.1:1"));

    [Fact]
    public void StampsReads_IsTheInnerProbes()
    {
        new PausingProbe(new NdjsonProbe(Options), new ReadGate()).StampsReads.ShouldBeTrue();
        new PausingProbe(new RelaySseProbe(Options), new ReadGate()).StampsReads.ShouldBeFalse();
    }

    [Fact]
    public async Task Execute_OverAStampingProbe_CountsEachByteOnce()
    {
        const string body = """{"message":{"role":"assistant","content":"a"},"done":false}""" + "\n"
            + """{"message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"}""" + "\n";
        using var http = new HttpClient(new FixedBodyHandler(TrickleStream.Of(body)));
        using var watchdog = new TimeoutWatchdog(new RequestTimeouts());
        var executor = new RequestExecutor(http, new PausingProbe(new NdjsonProbe(Options), new ReadGate()), watchdog);
        var timeline = new RequestTimeline();

        var outcome = await executor.ExecuteAsync("m", timeline, TestContext.Current.CancellationToken);

        outcome.ShouldBe(Outcome.Ok);
        timeline.Bytes.ShouldBe(System.Text.Encoding.UTF8.GetByteCount(body));
    }
}
