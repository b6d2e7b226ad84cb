namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>
/// What <c>/api/pull</c> (and push) of this scenario's models transfers: the layers' sizes and the speed. The models
/// listed in <see cref="Models"/> can be pulled; once pulled, this scenario serves them and <c>/api/tags</c> lists them.
/// </summary>
public sealed class PullSpec
{
    /// <summary>Models a pull may fetch that are not installed yet.</summary>
    public IList<string> Models { get; init; } = [];

    /// <summary>Layer sizes in bytes; empty: the model's size, then a template, a license and a params layer.</summary>
    public IList<long> Layers { get; init; } = [];

    /// <summary>Download (or upload) speed; each layer's progress line every 60 ms shows the bytes done so far.</summary>
    public double BytesPerSecond { get; init; } = 1_000_000_000;
}
