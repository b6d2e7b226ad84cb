namespace StreamingHarness.Harness.Measurement;

/// <summary>One event with text the client received: when (a <see cref="Ticks"/> timestamp), and the text's length after it.</summary>
internal readonly record struct TextArrival(long At, long TextEnd);
