namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The search for the most paced streams a pair (a server and a client) carries with its ITL error p99 within the limit:
/// a ramp that doubles the streams from <see cref="CapacitySweepLimits.FirstStreams"/> until a step breaks (or the
/// maximum holds), then a bisection between the last holding and the first breaking count until they are within
/// the resolution. With <see cref="CapacitySweepLimits.ConfirmBreaks"/>, a breaking step is measured again and breaks
/// only if that one breaks too. The step budget (every measurement counts) bounds the sweep's time whatever the
/// readings. How a step is measured is the caller's: this type only chooses the next stream count, so it is tested
/// with made-up readings.
/// </summary>
internal sealed class CapacitySweep(CapacitySweepLimits limits)
{
    public async Task<CapacityResult> RunAsync(
        Func<int, CancellationToken, Task<CapacityReading>> measure, CancellationToken cancellationToken)
    {
        var steps = new List<CapacityReading>();
        CapacityReading? held = null;
        int? broken = null;
        var streams = Math.Min(limits.FirstStreams, limits.MaxStreams);
        while (steps.Count < limits.MaxSteps)
        {
            var reading = await measure(streams, cancellationToken).ConfigureAwait(false);
            steps.Add(reading);
            if (!reading.Holds(limits.P99LimitMs) && limits.ConfirmBreaks && steps.Count < limits.MaxSteps)
            {
                // One stall of a shared machine breaks a short window's p99: a count breaks only if a second window agrees.
                reading = await measure(streams, cancellationToken).ConfigureAwait(false);
                steps.Add(reading);
            }

            if (reading.Holds(limits.P99LimitMs))
            {
                held = held is null || streams > held.Streams ? reading : held;
            }
            else
            {
                broken = broken is { } b ? Math.Min(b, streams) : streams;
            }

            if (broken is null && streams >= limits.MaxStreams)
            {
                return new CapacityResult(held, null, steps, CapacityStop.HeldAtMax);
            }

            var low = held?.Streams ?? 0;
            if (broken is { } high && high - low <= limits.ResolutionStreams)
            {
                return new CapacityResult(held, broken, steps, CapacityStop.Bracketed);
            }

            streams = broken is { } top ? low + ((top - low) / 2) : Math.Min(streams * 2, limits.MaxStreams);
        }

        return new CapacityResult(held, broken, steps, CapacityStop.OutOfSteps);
    }
}
