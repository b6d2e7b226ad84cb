using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Tests.Generation;

/// <summary>A prompt held as UTF-8 gives what the same prompt as a string gives, without a UTF-16 copy (#26, point 7).</summary>
public sealed class PromptTextTests
{
    [Theory]
    [InlineData("Hello, world! don't 'quote' 12ab")]
    [InlineData("  leading spaces\nline\tbreaks  ")]
    [InlineData("café naïve 日本語 😀x€ ")]
    [InlineData("")]
    public void Tokens_Utf8AndString_AreTheSame(string text)
    {
        var utf8 = PromptText.FromUtf8(Encoding.UTF8.GetBytes(text));

        utf8.SplitTokens().ShouldBe(PromptText.FromString(text).SplitTokens());
        utf8.CountTokens().ShouldBe(PromptText.FromString(text).CountTokens());
        string.Concat(utf8.SplitTokens()).ShouldBe(text);
    }

    [Theory]
    [InlineData(null, "why is the SKY blue", true)]
    [InlineData(null, "why is the sky green", false)]
    [InlineData("Needle Across", null, true)]
    [InlineData("needle absent", null, false)]
    public void Matches_LargeUtf8Prompt_MatchesAcrossWindowsWithoutDecodingIt(string? contains, string? pattern, bool expected)
    {
        // The phrase straddles the 16 Ki-character window boundary, so only the windows' overlap can find it.
        var filler = new string('x', 16 * 1024 - 8);
        var text = filler + " needle across why is the sky blue " + new string('y', 4 * 1024 * 1024);
        var prompt = PromptText.FromUtf8(Encoding.UTF8.GetBytes(text));
        var match = new PromptMatch { Contains = contains, Pattern = pattern, Response = "r" };
        PromptText.FromString("warm up the regex").Matches(match);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var matched = prompt.Matches(match);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        matched.ShouldBe(expected);
        // One pooled window (32 Ki characters) at most, against 8 MiB for the prompt as a string.
        allocated.ShouldBeLessThan(128 * 1024);
    }

    [Fact]
    public void Matches_PatternWithSyntax_SeesTheWholePrompt()
    {
        var text = "start " + new string('x', 100_000) + " end";
        var match = new PromptMatch { Pattern = "^start x+ end$", Response = "r" };

        PromptText.FromUtf8(Encoding.UTF8.GetBytes(text)).Matches(match).ShouldBeTrue();
    }
}
