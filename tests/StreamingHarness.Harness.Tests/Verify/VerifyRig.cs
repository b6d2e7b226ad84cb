using StreamingHarness.FakeOllama;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Harness.Profiles;
using StreamingHarness.Harness.Targets;
using StreamingHarness.Harness.Verify;

namespace StreamingHarness.Harness.Tests.Verify;

/// <summary>
/// The fake in-process with the repository's scenarios at a high time scale, for a service under test to use as its
/// upstream, and verify's runner pointed at both. One rig per test class: the fake's active scenario is global.
/// </summary>
internal sealed class VerifyRig : IAsyncDisposable
{
    /// <summary>Fifty times faster than written: the whole catalogue runs in seconds.</summary>
    public const double TimeScale = 0.02;

    /// <summary>
    /// The bound the tests hold services to. Services under test get a 2 s idle timeout: far inside the bound, and far
    /// above any gap of a healthy stream at this scale, even with the test run keeping both cores busy.
    /// </summary>
    public static readonly TimeSpan StallBound = TimeSpan.FromSeconds(4);

    /// <summary>
    /// The added-delay bound of the catalogue-wide runs: the test run keeps both cores of a shared machine busy, and a
    /// scheduling hiccup of a few hundred milliseconds there is the machine's, not the service's. The rule's own tests
    /// (<see cref="NaiveRelayVerifyTests"/>'s timing defects, <c>ShapeJudgeTests</c>) hold services to the 250 ms default.
    /// </summary>
    public static readonly TimeSpan MaxAddedDelay = TimeSpan.FromSeconds(1);

    private readonly HttpClient _client = VerifyRunner.CreateClient();

    private readonly double _timeScale;

    private VerifyRig(FakeOllamaServer fake, double timeScale)
    {
        Fake = fake;
        _timeScale = timeScale;
    }

    public FakeOllamaServer Fake { get; }

    public static async Task<VerifyRig> StartAsync(double timeScale = TimeScale) =>
        new(await FakeOllamaServer.StartAsync(new FakeOllamaOptions
    {
        ScenarioDirectory = Path.Combine(BuildPaths.RepositoryRoot!, "scenarios"),
        TimeScale = timeScale,
    }), timeScale);

    /// <summary>Prepares verify against <paramref name="service"/> and runs <paramref name="cases"/>.</summary>
    public async Task<IReadOnlyList<CaseResult>> VerifyAsync(Uri service, string profile, IReadOnlyList<VerifyCase>? cases = null)
    {
        var settings = new VerifySettings("llama3.2", StallBound) { TimeScale = _timeScale, MaxAddedDelay = MaxAddedDelay };
        var probe = BuiltInProfiles.Resolve(profile).CreateProbe(new ProbeRequestOptions(service, settings.Prompt));
        var runner = new VerifyRunner(_client, probe, new FakeControl(_client, Fake.BaseAddress), settings);
        var cancellationToken = TestContext.Current.CancellationToken;
        await runner.PrepareAsync(cancellationToken);
        return await runner.RunAsync(cases ?? VerifyCatalog.All, (_, _) => { }, cancellationToken);
    }

    /// <summary>Each failed case with what was seen, so a failing assertion says why.</summary>
    public static IEnumerable<string> Failures(IReadOnlyList<CaseResult> results) =>
        results.Where(r => !r.Passed).Select(r => $"{r.Case}: {r.Observed}");

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Fake.DisposeAsync();
    }
}
