using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using OllamaSharp;
using Shouldly;
using StreamingHarness.Testing.Files;
using static StreamingHarness.Client.Tests.Infrastructure.FakeOllama;

namespace StreamingHarness.Client.Tests.Comparison;

/// <summary>
/// Runs OllamaSharp 5.5.2 (the .NET Ollama client people reach for) and this client side by side against the same
/// faults, and checks docs/client.md's comparison table says exactly what they did.
/// </summary>
public sealed class OllamaSharpComparisonTests
{
    private const string BeginMarker = "<!-- client-comparison:begin -->";
    private const string EndMarker = "<!-- client-comparison:end -->";

    /// <summary>How long an OllamaSharp run may take before the row says it hangs (every healthy run takes under 2 s).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly string[] Faults =
    [
        "error-midstream", "early-eof", "after-done", "blank-lines", "empty-chunks", "trickle", "malformed-line", "wrong-types",
        "bad-utf8", "torn-line", "abrupt-close", "disconnect", "huge-line", "legacy-error", "http-500", "drop-before-headers", "stall",
    ];

    [Fact]
    public async Task DocsTable_SaysWhatEachClientDid()
    {
        // Time scale 0.4: the stall is 2 s, which OllamaSharp (no idle timeout of its own) waits out.
        await using var fake = await StartAsync(timeScale: 0.4);
        var rows = new List<string>
        {
            "| Fault (scenario) | OllamaSharp 5.5.2 | StreamingHarness.Client |",
            "|---|---|---|",
        };
        foreach (var fault in Faults)
        {
            var full = fault == "trickle" ? "Café ☕ naïve 日本語 text arrives in pieces." : Sentence;
            rows.Add($"| `{fault}` | {await OllamaSharpAsync(fake, fault, full)} | {await OursAsync(fake, fault, full)} |");
            TestContext.Current.TestOutputHelper?.WriteLine(rows[^1]);
        }

        var table = string.Join('\n', rows);
        var readme = await File.ReadAllTextAsync(RepositoryRoot.Combine("docs", "client.md"), TestContext.Current.CancellationToken);
        var begin = readme.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = readme.IndexOf(EndMarker, StringComparison.Ordinal);
        var documented = begin < 0
            || end < begin ? "(no table between the markers)" : readme[(begin + BeginMarker.Length)..end].Trim().ReplaceLineEndings("\n");

        documented.ShouldBe(table, $"docs/client.md's table between {BeginMarker} and {EndMarker} must be:\n{table}\n");
    }

    private static async Task<string> OllamaSharpAsync(Infrastructure.FakeOllama fake, string fault, string full)
    {
        using var client = new OllamaApiClient(fake.BaseAddress, fault);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(Patience);
        var text = new StringBuilder();
        var tokens = 0;
        try
        {
            await foreach (var update in ((IChatClient)client).GetStreamingResponseAsync("hello", cancellationToken: patience.Token))
            {
                if (update.Text.Length > 0)
                {
                    tokens++;
                    text.Append(update.Text);
                }
            }
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested
            && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return $"**still waiting after {tokens} tokens when the test gave up ({Patience.TotalSeconds:0} s): no timeout of its own**";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return $"throws `{ex.GetType().Name}` after {tokens} tokens";
        }

        var answer = text.ToString();
        return answer == full ? "complete answer"
            : full.StartsWith(answer, StringComparison.Ordinal)
                ? $"**ends without error after {tokens} tokens: the cut answer looks complete**"
            : $"**ends without error, but the text is not what was sent ({tokens} tokens)**";
    }

    /// <summary>
    /// Ours; the stall row on virtual time, moving the client's clock past its idle timeout after token 3 (the other
    /// rows keep the system clock, which their retry backoffs wait on).
    /// </summary>
    private static async Task<string> OursAsync(Infrastructure.FakeOllama fake, string fault, string full)
    {
        var time = new FakeTimeProvider();
        using var client = fault == "stall" ? fake.Client(fault, o => o.IdleTimeout = TimeSpan.FromSeconds(1), time) : fake.Client(fault);
        var text = new StringBuilder();
        var tokens = 0;
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(
                "hello", cancellationToken: TestContext.Current.CancellationToken))
            {
                if (update.Text.Length > 0 && ++tokens == 3 && fault == "stall")
                {
                    time.Advance(TimeSpan.FromSeconds(1));
                }

                text.Append(update.Text);
            }
        }
        catch (OllamaStreamException ex)
        {
            return $"`{ex.Code}` after {ex.TokensReceived} tokens" + (ex.UpstreamStatus is { } status ? $" (status {(int)status})" : "");
        }

        return text.ToString() == full ? "complete answer" : "wrong answer";
    }
}
