namespace StreamingHarness.Harness.Measurement;

/// <summary>One bucket of a <see cref="LogHistogram"/>: values in (Lower, Upper] nanoseconds.</summary>
internal readonly record struct HistogramBucket(double Lower, double Upper, long Count);
