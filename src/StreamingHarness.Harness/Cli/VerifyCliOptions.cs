using System.CommandLine;
using StreamingHarness.Harness.Profiles;
using StreamingHarness.Harness.Verify;

namespace StreamingHarness.Harness.Cli;

/// <summary>The options of <c>verify</c>, with the help text users read.</summary>
internal sealed class VerifyCliOptions
{
    public const int DefaultFakePort = 11434;

    public Option<string?> Url { get; } = new(
        "--url", "-u") { Description = "Base URL of the service under test, configured to use the fake as its Ollama upstream." };
    public Option<string?> Profile { get; } = new(
        "--profile",
        "-p") { Description =
        $"How to call the service and read its stream: {string.Join(", ", BuiltInProfiles.Names)}, or a YAML profile file." };
    public Option<string?> FakeUrl { get; } = new(
        "--fake-url") { Description = "Use the fake already running here (started with the same --time-scale) instead of starting one." };
    public Option<int?> FakePort { get; } = new(
        "--fake-port") { Description =
        $"Start the fake on this loopback port (default {DefaultFakePort}, where the service expects Ollama)." };
    public Option<string?> Cases { get; } = new(
        "--cases") { Description = $"Comma-separated cases to run (default: all): {string.Join(", ", VerifyCatalog.Names)}." };
    public Option<bool> ListCases { get; } = new(
        "--list-cases") { Description = "List the cases with the rule each holds the service to, and exit." };
    public Option<string?> ReportDir { get; } = new("--report-dir")
    {
        Description = "Folder to write <timestamp>-verify/ into (default: the repository's reports/; outside a clone, ./reports).",
    };
    public Option<double> TimeScale { get; } = new(
        "--time-scale") { Description = "The fake's --time-scale: every scripted delay multiplied by it (0.1 = ten times faster).",
        DefaultValueFactory = _ => 1.0 };
    public Option<string?> StallBound { get; } = new(
        "--stall-bound") { Description =
        "How soon a stalled upstream must reach the client as an error (e.g. 3s). Default: 30 s times --time-scale." };
    public Option<string?> MaxAddedDelay { get; } = new("--max-added-delay")
    {
        Description = "The most a service may add to any token's delivery, fake send to client arrival (default 250ms).",
    };
    public Option<string> Model { get; } = new(
        "--model", "-m") { Description = "Model the requests ask for (the fake answers every model with the case's scenario).",
        DefaultValueFactory = _ => "llama3.2" };
    public Option<string?> Scenarios { get; } = new("--scenarios")
    {
        Description = "A folder of your own *.yaml scenarios for the fake verify starts, served with the built-in ones.",
    };

    public IEnumerable<Option> All =>
        [Url, Profile, FakeUrl, FakePort, Cases, ListCases, ReportDir, TimeScale, StallBound, MaxAddedDelay, Model, Scenarios];
}
