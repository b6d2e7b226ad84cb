using Shouldly;
using StreamingHarness.FakeOllama;
using StreamingHarness.Testing.Docs;

namespace StreamingHarness.Client.Tests.Docs;

/// <summary>
/// Every C# snippet the documentation marks runnable compiles against the packages it names and runs against the fake
/// Ollama (its address in place of Ollama's default one), so the examples cannot drift from the library.
/// </summary>
public sealed class RunnableCSharpSnippetTests
{
    private const string OllamaDefault = "http://127.0.0.1:11434";

    public static TheoryData<string> Snippets() => [.. RunnableSnippets.Find("csharp").Select(s => s.Where)];

    [Fact]
    public void Find_Documentation_HasRunnableCSharpSnippets() =>
        RunnableSnippets.Find("csharp").ShouldContain(s => s.Where.StartsWith("docs/client.md:", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Snippets))]
    public async Task Snippet_AgainstTheFake_CompilesAndRuns(string where)
    {
        await using var fake = await RunAsync(where);

        fake.Journal.Entries.ShouldNotBeEmpty();
        fake.Journal.Entries.ShouldAllBe(e => e.Status == 200);
        if (RunnableSnippets.Find("csharp").Single(s => s.Where == where).Code.Contains("AIFunctionFactory", StringComparison.Ordinal))
        {
            ShouldHaveAnsweredAToolCall(fake);
        }
    }

    /// <summary>
    /// The fake answered the request with tools with a tool call, and UseFunctionInvocation ran the function and sent its
    /// result back in a second turn.
    /// </summary>
    private static void ShouldHaveAnsweredAToolCall(FakeOllamaServer fake)
    {
        var chats = fake.Journal.Entries.Where(e => e.Path == "/api/chat").ToList();
        chats.ShouldContain(e => e.Body!.Contains("\"get_weather\"", StringComparison.Ordinal)
            && !e.Body.Contains("\"role\":\"tool\"", StringComparison.Ordinal));
        chats.ShouldContain(e => e.Body!.Contains("\"role\":\"tool\"", StringComparison.Ordinal)
            && e.Body.Contains("22 degrees", StringComparison.Ordinal));
    }

    private static async Task<FakeOllamaServer> RunAsync(string where)
    {
        var snippet = RunnableSnippets.Find("csharp").Single(s => s.Where == where);
        snippet.Code.ShouldContain(OllamaDefault, customMessage: $"{where} should talk to Ollama's default address");
        var fake = await FakeOllamaServer.StartAsync(new FakeOllamaOptions { TimeScale = 0.01 }, TestContext.Current.CancellationToken);
        try
        {
            var program = SnippetCompiler.Compile(snippet, snippet.Code.Replace(OllamaDefault, fake.BaseAddress.ToString().TrimEnd('/')));
            var entry = program.EntryPoint!;
            if (entry.Invoke(null, entry.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]) is Task run)
            {
                await run;
            }

            return fake;
        }
        catch
        {
            await fake.DisposeAsync();
            throw;
        }
    }
}
