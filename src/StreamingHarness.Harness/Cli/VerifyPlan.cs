using System.CommandLine;
using StreamingHarness.Harness.Profiles;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Harness.Targets;
using StreamingHarness.Harness.Verify;

namespace StreamingHarness.Harness.Cli;

/// <summary><c>verify</c>'s command line checked and resolved; every mistake is reported here, before anything starts.</summary>
internal sealed record VerifyPlan(
    Uri Url,
    IProtocolProfile Profile,
    Uri? FakeUrl,
    int FakePort,
    IReadOnlyList<VerifyCase> Cases,
    string ReportDirectory,
    double TimeScale,
    string? ScenariosDirectory,
    VerifySettings Settings)
{
    public static VerifyPlan From(ParseResult parse, VerifyCliOptions o)
    {
        var url = HttpUrl(
            parse.GetValue(o.Url) ?? throw new FormatException("--url is required: the base URL of the service under test."), "--url");
        var profile = BuiltInProfiles.Resolve(
            parse.GetValue(o.Profile)
            ?? throw new FormatException($"--profile is required: {string.Join(", ", BuiltInProfiles.Names)} or a YAML file."));
        var fakeUrl = parse.GetValue(o.FakeUrl) is { } text ? HttpUrl(text, "--fake-url") : null;
        var port = parse.GetValue(o.FakePort);
        if (fakeUrl is not null && port is not null)
        {
            throw new FormatException("--fake-url and --fake-port exclude each other: use the running fake, or start one on a port.");
        }

        if (port is < 1 or > 65535)
        {
            throw new FormatException($"--fake-port: {port} is not a TCP port (1-65535).");
        }

        var scale = parse.GetValue(o.TimeScale);
        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new FormatException($"--time-scale: must be a number greater than 0, got {scale}.");
        }

        var bound = parse.GetValue(o.StallBound) is { } boundText ? DurationText.Parse(boundText, "--stall-bound")
            : VerifySettings.DefaultStallBound * scale;
        if (bound <= TimeSpan.Zero)
        {
            throw new FormatException("--stall-bound: must be longer than 0.");
        }

        var maxAdded = parse.GetValue(o.MaxAddedDelay) is { } maxText ? DurationText.Parse(maxText, "--max-added-delay")
            : VerifySettings.DefaultMaxAddedDelay;
        if (maxAdded <= TimeSpan.Zero)
        {
            throw new FormatException("--max-added-delay: must be longer than 0.");
        }

        return new VerifyPlan(
            url,
            profile,
            fakeUrl,
            port ?? VerifyCliOptions.DefaultFakePort,
            VerifyCatalog.Select(parse.GetValue(o.Cases)),
            parse.GetValue(o.ReportDir) ?? BuildPaths.ReportsRoot,
            scale,
            parse.GetValue(o.Scenarios),
            new VerifySettings(parse.GetValue(o.Model)!, bound) { TimeScale = scale, MaxAddedDelay = maxAdded });
    }

    private static Uri HttpUrl(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"{option}: '{text}' is not an absolute http(s) URL.");
}
