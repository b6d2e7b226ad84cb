using Shouldly;
using StreamingHarness.Harness.Load;

namespace StreamingHarness.Harness.Tests.Load;

public sealed class ModelMixTests
{
    [Fact]
    public void Pick_FollowsTheWeights_AndIsAPureFunctionOfTheId()
    {
        var mix = new ModelMix([new MixEntry("a", 3, []), new MixEntry("b", 1, [])], seed: 5);

        var picks = Enumerable.Range(1, 40_000).Select(i => mix.Pick(i).Model).ToArray();

        ((double)picks.Count(m => m == "a") / picks.Length).ShouldBe(0.75, 0.01);
        Enumerable.Range(1, 40_000).Select(i => mix.Pick(i).Model).ShouldBe(picks);
    }

    [Fact]
    public void Constructor_RejectsEmptyOrNonPositiveWeights()
    {
        Should.Throw<ArgumentException>(() => new ModelMix([]));
        Should.Throw<ArgumentException>(() => new ModelMix([new MixEntry("a", 0, [])]));
    }
}
