using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>Which tokens one request gets: thinking first (thinking models), then the content.</summary>
internal sealed record AnswerPlan(ITokenSource Thinking, ITokenSource Content)
{
    /// <summary>Content: the first matching prompt rule, else the echo, else the fixed response, else seeded tokens.</summary>
    public static AnswerPlan For(Scenario scenario, ModelSpec model, GenerationInput input, Random random)
    {
        var thinks = scenario.Thinking is not null && model.Can("thinking") && input.Think != false;
        var thinking = thinks ? new ArrayTokenSource(scenario.ThinkingTokens) : ArrayTokenSource.Empty;

        foreach (var match in scenario.Matches)
        {
            if (match.IsMatch(input.Prompt))
            {
                return new AnswerPlan(thinking, new ArrayTokenSource(match.ResponseTokens));
            }
        }

        ITokenSource content = scenario.Echo
            ? new ArrayTokenSource(Tokenizer.Split(input.Prompt))
            : scenario.Response is not null
                ? new ArrayTokenSource(scenario.ResponseTokens)
                : new SeededTokenSource(random, scenario.Tokens);
        return new AnswerPlan(thinking, content);
    }
}
