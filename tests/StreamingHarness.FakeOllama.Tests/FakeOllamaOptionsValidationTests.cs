using Shouldly;
using StreamingHarness.FakeOllama.Recording;

namespace StreamingHarness.FakeOllama.Tests;

/// <summary>The fake's options are checked by the generated validator, as the relay's are; every bad value is named.</summary>
public sealed class FakeOllamaOptionsValidationTests
{
    [Fact]
    public void Validate_Defaults_Succeed() => new FakeOllamaOptions().Validate();

    [Fact]
    public void Validate_BadValues_NamesEachOne()
    {
        var options = new FakeOllamaOptions
        {
            Urls = [],
            TimeScale = double.PositiveInfinity,
            JournalCapacity = 0,
            JournalBodyLimit = -1,
            Record = new RecordingOptions { Upstream = new Uri("ftp://host/"), Directory = " ", FileName = "../x" },
        };

        var error = Should.Throw<ArgumentException>(options.Validate);

        error.Message.ShouldContain("At least one URL to listen on is needed.");
        error.Message.ShouldContain("TimeScale: The field FakeOllamaOptions.TimeScale must be between 0 exclusive and ");
        error.Message.ShouldContain("JournalCapacity");
        error.Message.ShouldContain("JournalBodyLimit");
        error.Message.ShouldContain("The recordings folder must not be empty.");
        error.Message.ShouldContain("The upstream to record must be an absolute http:// or https:// URL, not 'ftp://host/'.");
        error.Message.ShouldContain("The recording file name may only use letters");
    }

    [Theory]
    [InlineData(0d)]
    [InlineData(-1d)]
    [InlineData(double.NaN)]
    public void Validate_TimeScaleNotAboveZero_Fails(double scale) =>
        Should.Throw<ArgumentException>(new FakeOllamaOptions { TimeScale = scale }.Validate).Message
            .ShouldContain("TimeScale: The field FakeOllamaOptions.TimeScale must be between 0 exclusive and ");
}
