namespace StreamingHarness.Harness.Bench;

/// <summary>What one measured run gave: tokens delivered, wall time, and the CPU of the process that counts.</summary>
internal sealed record BenchSample(long Tokens, TimeSpan Elapsed, TimeSpan Cpu, TimeSpan UpstreamCpu)
{
    public double TokensPerSecond => Tokens / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public double CpuMicrosPerToken => Tokens == 0 ? double.NaN : Cpu.TotalMicroseconds / Tokens;

    public double UpstreamMicrosPerToken => Tokens == 0 ? double.NaN : UpstreamCpu.TotalMicroseconds / Tokens;

    /// <summary>Two runs of the same server pooled: their tokens, times and CPU summed.</summary>
    public static BenchSample operator +(BenchSample a, BenchSample b) =>
        new(a.Tokens + b.Tokens, a.Elapsed + b.Elapsed, a.Cpu + b.Cpu, a.UpstreamCpu + b.UpstreamCpu);
}
