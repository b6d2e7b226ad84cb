using StreamingHarness.FakeOllama.Faults;
using StreamingHarness.FakeOllama.Generation.Structured;
using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>Which tokens one request gets: thinking first (thinking models), then the content.</summary>
internal sealed record AnswerPlan(ITokenSource Thinking, ITokenSource Content)
{
    /// <summary>
    /// Chat on a thinking model with a format: Ollama streams the thinking unconstrained, stops at the first content
    /// token, prompts again (thinking included) with the constraint and streams the constrained content; the final
    /// metrics are the second pass's (<c>server/routes.go</c>, structuredOutputsState).
    /// </summary>
    public bool Reprompts { get; init; }

    /// <summary>The runner's error for an unusable format; it ends the request where the constraint would start.</summary>
    public string? FormatError { get; init; }

    /// <summary>
    /// Content: a structured answer when the request has a format, else the first matching prompt rule, else the echo,
    /// else the fixed response, else seeded tokens.
    /// </summary>
    public static AnswerPlan For(Scenario scenario, ModelSpec model, GenerationInput input, Random random, FaultContext faults)
    {
        var thinks = scenario.Thinking is not null && model.Can("thinking") && input.Think != false;
        if (input.Format is { } format)
        {
            // Generate constrains from the first token, which leaves no room for thinking.
            var reprompts = thinks && input.Chat;
            var thought = reprompts ? new ArrayTokenSource(scenario.ThinkingTokensFor(input.ThinkLevel)) : ArrayTokenSource.Empty;
            var answer = format.Error is null
                ? new ArrayTokenSource(Tokenizer.Split(StructuredAnswer.Build(format, scenario, random, faults)))
                : ArrayTokenSource.Empty;
            return new AnswerPlan(thought, answer) { Reprompts = reprompts, FormatError = format.Error };
        }

        var thinking = thinks ? new ArrayTokenSource(scenario.ThinkingTokensFor(input.ThinkLevel)) : ArrayTokenSource.Empty;
        foreach (var match in scenario.Matches)
        {
            if (input.Prompt.Matches(match))
            {
                return new AnswerPlan(thinking, new ArrayTokenSource(match.ResponseTokens));
            }
        }

        ITokenSource content = scenario.Echo
            ? new ArrayTokenSource(input.Prompt.SplitTokens())
            : scenario.Response is not null
                ? new ArrayTokenSource(scenario.ResponseTokens)
                : new SeededTokenSource(random, scenario.Tokens);
        return new AnswerPlan(thinking, content);
    }
}
