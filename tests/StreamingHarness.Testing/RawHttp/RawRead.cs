namespace StreamingHarness.Testing.RawHttp;

/// <summary>One socket read: how many bytes it returned and when, counted from the moment the request was sent.</summary>
public readonly record struct RawRead(int Length, TimeSpan At);
