using System.Globalization;

namespace StreamingHarness.Harness.Shards;

/// <summary>
/// Lines up the phases of shards that run on different machines: all wait for the same <c>--start-at</c>, and each
/// phase (warm-up included) starts at its planned offset from it, never earlier. A phase's slot is its duration plus
/// its drain (the longest it can run) plus <see cref="Settle"/> for the readings between phases, so a shard that
/// finished early waits for the others' phase to end before it starts the next. A phase that starts late anyway
/// (a slow machine) is named in the report's notes.
/// </summary>
internal sealed class PhaseAlignment(DateTimeOffset startAt, TimeProvider time)
{
    /// <summary>How far in the past <c>--start-at</c> may be when a shard is launched: a pod a few seconds late still joins.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(10);

    /// <summary>Time between one slot's end and the next slot's start, for the memory and journal readings taken between phases.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    private readonly List<string> _late = [];
    private TimeSpan _next;

    /// <summary>Phases that started after their aligned start by more than <see cref="Settle"/>.</summary>
    public IReadOnlyList<string> Late => _late;

    /// <summary>Rejects a start already past by more than <see cref="Tolerance"/> (the shards' phases could no longer line up).</summary>
    public static void CheckNotPast(DateTimeOffset startAt, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (now - startAt > Tolerance)
        {
            throw new FormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"--start-at {Utc(startAt)} is {(now - startAt).TotalSeconds:0.#} s in the past (now {Utc(now)}; at most "
                + $"{Tolerance.TotalSeconds:0} s late is accepted): give a time every shard can still reach, e.g. two minutes from now."));
        }
    }

    /// <summary>Waits for the common start itself.</summary>
    public async Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        var wait = startAt - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the next slot's aligned start, then books <paramref name="length"/> (plus the settle time) for it.</summary>
    public async Task WaitForSlotAsync(string phase, TimeSpan length, CancellationToken cancellationToken)
    {
        var due = startAt + _next;
        _next += length + Settle;
        var wait = due - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
        else if (-wait > Settle)
        {
            _late.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"phase '{phase}' started {-wait.TotalMilliseconds:#,0} ms after its aligned start {Utc(due)}: "
                + $"its figures overlap the shards' neighbouring phases."));
        }
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
