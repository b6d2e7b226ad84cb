using System.Diagnostics;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// Runs the cases one after another (the fake's active scenario is global): select the case's scenario on the fake,
/// send through the service with the profile's probe, judge what the client saw (and the fake's journal, joined token
/// by token with the client's arrivals), then check the service still answers a healthy request.
/// </summary>
internal sealed class VerifyRunner(HttpClient client, IStreamProbe probe, FakeControl fake, VerifySettings settings)
{
    private IReadOnlyDictionary<string, string> _responses = new Dictionary<string, string>();

    /// <summary>
    /// A client that closes the connection when it stops reading: HttpClient would otherwise drain the rest of a
    /// response to reuse the connection, and a service could not tell that its client left.
    /// </summary>
    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler { MaxResponseDrainSize = 0, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5) }) { Timeout =
            Timeout.InfiniteTimeSpan };

    /// <summary>Adds verify's scenarios to the fake and sends one healthy request; false when the service does not answer.</summary>
    public async Task<Observation> PrepareAsync(CancellationToken cancellationToken)
    {
        foreach (var definition in VerifyScenarios.Definitions(settings.TimeScale))
        {
            await fake.RegisterAsync(definition, cancellationToken).ConfigureAwait(false);
        }

        _responses = await fake.ResponsesAsync(cancellationToken).ConfigureAwait(false);
        await fake.SelectAsync(VerifyScenarios.Healthy, cancellationToken).ConfigureAwait(false);
        return await SendAsync(settings.Timeouts, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CaseResult>> RunAsync(
        IReadOnlyList<VerifyCase> cases, Action<int, CaseResult> progress, CancellationToken cancellationToken)
    {
        var results = new List<CaseResult>();
        try
        {
            foreach (var verifyCase in cases)
            {
                var result = await RunCaseAsync(verifyCase, cancellationToken).ConfigureAwait(false);
                results.Add(result);
                progress(results.Count, result);
            }
        }
        finally
        {
            await fake.ClearSelectionAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return results;
    }

    private async Task<CaseResult> RunCaseAsync(VerifyCase verifyCase, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await fake.SelectAsync(verifyCase.Scenario, cancellationToken).ConfigureAwait(false);
        _responses.TryGetValue(verifyCase.Scenario, out var expected);
        var run = verifyCase.Rule switch
        {
            VerdictRule.Concurrent => await ConcurrentAsync(expected, cancellationToken).ConfigureAwait(false),
            VerdictRule.ClientLeaves => await LeaveAsync(cancellationToken).ConfigureAwait(false),
            VerdictRule.Backpressure => await new SlowReaderCase(probe, fake, settings, verifyCase.Scenario)
                .RunAsync(cancellationToken).ConfigureAwait(false),
            _ => await OneAsync(verifyCase.Rule, expected, cancellationToken).ConfigureAwait(false),
        };
        var journal = Streams(await fake.JournalAsync(cancellationToken).ConfigureAwait(false));
        var tokensExpected = verifyCase.Rule switch
        {
            VerdictRule.ClientLeaves => VerifyCatalog.TokensBeforeLeaving,
            VerdictRule.Concurrent => journal.Sum(e => (long)e.TokensDelivered),
            _ => journal.Count == 0 ? 0 : journal.Max(e => e.TokensDelivered),
        };

        var upstream = journal.LastOrDefault(e => e.Lines().CanJoin && e.TokensDelivered > 0);
        var join = run.Seen is { } seen && upstream is not null && verifyCase.Rule != VerdictRule.Backpressure
            ? StreamJoin.Join(upstream.Lines(), seen.Arrivals)
            : null;
        var (failure, observed) = (run.Failure, run.Observed);
        if (failure is null && verifyCase.Rule == VerdictRule.Whole)
        {
            failure = ShapeJudge.Judge(join, settings.MaxAddedDelay);
        }

        if (join is { Joined: > 0 } && failure is null)
        {
            observed += "; " + ShapeJudge.Figures(join);
        }

        failure ??= await LivenessAsync(cancellationToken).ConfigureAwait(false);
        return new CaseResult(
            verifyCase.Name,
            failure is null ? CaseResult.Pass : CaseResult.Fail,
            VerifyCatalog.Describe(verifyCase.Rule),
            failure is null ? observed : $"{failure} ({observed})",
            tokensExpected,
            run.Tokens,
            stopwatch.ElapsedMilliseconds)
        {
            CancelLatencyMs = run.CancelLatencyMs,
            UpstreamBytesDuringPause = run.UpstreamBytesDuringPause,
        }.WithShape(join, upstream?.StartMonotonicNs ?? 0);
    }

    private async Task<CaseRun> OneAsync(VerdictRule rule, string? expected, CancellationToken cancellationToken)
    {
        var seen = await SendAsync(rule == VerdictRule.Stall ? settings.StallTimeouts : settings.Timeouts, null, cancellationToken)
            .ConfigureAwait(false);
        return new CaseRun(VerdictJudge.Judge(rule, seen, expected), seen.Describe(), seen.Tokens, seen);
    }

    private async Task<CaseRun> ConcurrentAsync(string? expected, CancellationToken cancellationToken)
    {
        var all = await Task.WhenAll(Enumerable.Range(0, VerifyCatalog.ConcurrentStreams)
            .Select(_ => SendAsync(settings.Timeouts, null, cancellationToken))).ConfigureAwait(false);
        var failures = all.Select(seen => VerdictJudge.Whole(seen, expected)).Where(f => f is not null).ToList();
        var observed = $"{all.Length - failures.Count} of {all.Length} streams whole";
        return new CaseRun(failures.Count == 0 ? null : $"{failures.Count} streams not whole, e.g. {failures[0]}", observed,
            all.Sum(s => (long)s.Tokens));
    }

    /// <summary>
    /// Leaves after a few tokens, then waits (up to the bound and some slack) for the fake to see its request end. The
    /// latency is on the host's monotonic clock: the client's leaving against the fake's end of the request.
    /// </summary>
    private async Task<CaseRun> LeaveAsync(CancellationToken cancellationToken)
    {
        var seen = await SendAsync(settings.Timeouts, VerifyCatalog.TokensBeforeLeaving, cancellationToken).ConfigureAwait(false);
        if (seen.LeftAt is not { } leftAt)
        {
            return new CaseRun($"the client could not leave at token {VerifyCatalog.TokensBeforeLeaving}", seen.Describe(), seen.Tokens);
        }

        var deadline = Stopwatch.StartNew();
        List<JournalRecord> streams;
        while (true)
        {
            streams = Streams(await fake.JournalAsync(cancellationToken).ConfigureAwait(false));
            if ((streams.Count > 0 && streams.All(e => e.IsFinished))
                || deadline.Elapsed > VerifyCatalog.CancelBound + VerifySettings.StallSlack * 2)
            {
                break;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        if (streams.Count == 0)
        {
            return new CaseRun("the fake saw no upstream request", seen.Describe(), seen.Tokens);
        }

        var observed =
            $"the client left at token {VerifyCatalog.TokensBeforeLeaving}; "
            + $"upstream: {string.Join("; ", streams.Select(e => $"{e.Ending} after {e.TokensDelivered} tokens"))}";
        if (streams.Any(e => !e.IsFinished))
        {
            return new CaseRun("the upstream request was still streaming: the service did not cancel it", observed, seen.Tokens);
        }

        var ended = streams.Select(e => e.EndedAtNs() ?? 0).Max();
        var latencyMs = Math.Round(Math.Max(0, ended - Ticks.ToNanoseconds(leftAt)) / 1e6, 1);
        var failure = latencyMs > VerifyCatalog.CancelBound.TotalMilliseconds
            ? $"the upstream request ended {latencyMs:0} ms after the client left"
            : null;
        return new CaseRun(failure, failure is null ? observed + $", {latencyMs:0} ms after the client left" : observed, seen.Tokens)
        {
            CancelLatencyMs = latencyMs,
        };
    }

    private async Task<string?> LivenessAsync(CancellationToken cancellationToken)
    {
        _responses.TryGetValue(VerifyScenarios.Healthy, out var expected);
        await fake.SelectAsync(VerifyScenarios.Healthy, cancellationToken).ConfigureAwait(false);
        var seen = await SendAsync(settings.Timeouts, null, cancellationToken).ConfigureAwait(false);
        return VerdictJudge.Whole(seen, expected) is { } failure ? "liveness: after this case a healthy request failed: " + failure : null;
    }

    private async Task<Observation> SendAsync(RequestTimeouts timeouts, int? leaveAfter, CancellationToken cancellationToken)
    {
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var collector = new TokenCollector(leaveAfter, leave.Cancel);
        return await ObserveAsync(client, probe, timeouts, collector, settings.Model, leave.Token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One request through <paramref name="through"/>, its text and arrivals collected by <paramref name="collector"/>.</summary>
    internal static async Task<Observation> ObserveAsync(
        HttpClient through, IStreamProbe probe, RequestTimeouts timeouts, TokenCollector collector, string model,
        CancellationToken requestToken, CancellationToken cancellationToken)
    {
        using var watchdog = new TimeoutWatchdog(timeouts);
        var timeline = new RequestTimeline { Texts = collector };
        var outcome = await new RequestExecutor(through, probe, watchdog).ExecuteAsync(model, timeline, requestToken)
            .ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new Observation(
            outcome, collector.Text, collector.Count, timeline.ReportedTokens, timeline.TokenSource, timeline.E2eMs ?? 0, collector.LeftAt)
        {
            Arrivals = collector.Arrivals,
        };
    }

    /// <summary>The generation requests of the journal (not a service's own /api/version or /api/tags probes).</summary>
    internal static List<JournalRecord> Streams(IReadOnlyList<JournalRecord> journal) =>
        [.. journal.Where(
            e => e.Path.Contains("/chat", StringComparison.Ordinal) || e.Path.Contains("/generate", StringComparison.Ordinal))];
}
