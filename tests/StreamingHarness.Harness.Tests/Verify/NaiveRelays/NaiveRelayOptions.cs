namespace StreamingHarness.Harness.Tests.Verify.NaiveRelays;

/// <summary>
/// How a naive relay behaves. The robust deadlines fit the built-in scenarios at time scale 1: the idle timeout
/// sits between <c>slow-tokens</c>' longest gap (1.25 s) and <c>stall</c>'s silence (5 s), the first-token timeout
/// above <c>slow-first-token</c> (5 s) and <c>cold-start</c> (3 s). At another time scale, scale both.
/// </summary>
public sealed record NaiveRelayOptions
{
    public NaiveDefects Defects { get; init; }

    /// <summary>Longest silence between upstream lines once the first has arrived.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(2.5);

    /// <summary>Longest wait for the upstream's headers and first line.</summary>
    public TimeSpan FirstLineTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest upstream line accepted; <c>huge-line</c>'s 10 MiB line is refused with an error.</summary>
    public int MaxLineBytes { get; init; } = 1024 * 1024;

    /// <summary>What <see cref="NaiveDefects.DelayEachChunk"/> holds each line for.</summary>
    public TimeSpan ChunkDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The clock of both deadlines (a manual one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
