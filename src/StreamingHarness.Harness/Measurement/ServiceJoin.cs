namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// The join of a load phase: each successful request found in the fake's journal by its trace id is joined token by
/// token (<see cref="StreamJoin"/>), and the phase's added TTFT and added delay go into histograms. A request the
/// journal no longer holds (it keeps its latest entries), or whose service did not pass the trace id on, is not joined.
/// </summary>
internal static class ServiceJoin
{
    public static PhaseJoin Apply(
        PhaseRecorder phase, IReadOnlyDictionary<string, UpstreamLines> upstreamByTrace)
    {
        var ttft = new LogHistogram();
        var delay = new LogHistogram();
        var perRequest = new Dictionary<long, AddedDelay>();
        long requests = 0, bursts = 0, tokens = 0;
        foreach (var sample in phase.Samples.Where(s => s.Outcome.IsOk))
        {
            requests++;
            if (!phase.Arrivals.TryGetValue(sample.Id, out var arrivals)
                || !upstreamByTrace.TryGetValue(TraceParents.TraceId(sample.Id), out var upstream)
                || StreamJoin.Join(upstream, arrivals.Arrivals) is not { Joined: > 0 } join)
            {
                continue;
            }

            perRequest[sample.Id] = join;
            ttft.Record(join.Timeline[0].AddedNs);
            foreach (var token in join.Timeline)
            {
                delay.Record(token.AddedNs);
            }

            bursts += join.Bursts;
            tokens += join.Joined;
        }

        var joined = perRequest.Count;
        return new PhaseJoin(new AddedByService(
            requests,
            joined,
            Percentiles.From(ttft),
            Percentiles.From(delay),
            joined == 0 ? 0 : Math.Round((double)bursts / joined, 2),
            joined == 0 ? 0 : Math.Round((double)tokens / joined, 2)), perRequest);
    }

    /// <summary>A phase's join: its summary, and each joined request's figures by id.</summary>
    public sealed record PhaseJoin(AddedByService Summary, IReadOnlyDictionary<long, AddedDelay> PerRequest);
}
