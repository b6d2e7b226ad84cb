using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>
/// What a request got, byte for byte, and what the journal kept of it: status, the headers that vary by path, the body
/// and the journal entry, Unix times and Anthropic's random request ids masked. Used to pin an endpoint's wire while the
/// way it reads its body changes.
/// </summary>
internal static partial class InputWireTranscript
{
    [GeneratedRegex("\"(created_at|completed_at)\":\\d+")]
    private static partial Regex Times();

    [GeneratedRegex("\"req_[0-9a-f]{24}\"")]
    private static partial Regex RequestIds();

    public static async Task<string> OfAsync(FakeOllamaServer fake, HttpClient client, string path, string body)
    {
        fake.Journal.Clear();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(path, content, TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var entry = await fake.Journal.WaitForAsync(e => e.Path == path, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"=== {body}\n")
            .Append(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {response.Content.Headers.ContentType}")
            .Append(CultureInfo.InvariantCulture, $" cache-control={response.Headers.CacheControl}")
            .Append(CultureInfo.InvariantCulture, $" connection={string.Join(",", response.Headers.Connection)}\n")
            .Append(Encoding.UTF8.GetString(bytes)).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"journal: status={entry.Status} scenario={entry.Scenario} model={entry.Model}")
            .Append(CultureInfo.InvariantCulture, $" tokens={entry.TokensDelivered} lines={entry.LinesWritten} bytes={entry.BytesWritten}")
            .Append(CultureInfo.InvariantCulture, $" ending={entry.Ending} detail={entry.Detail} faults={entry.Faults.Count}\n")
            .Append(CultureInfo.InvariantCulture, $"journal text ends: {string.Join(",", entry.LineTextEnds)}\n")
            .Append(CultureInfo.InvariantCulture, $"journal response: {entry.Response}\n")
            .Append(CultureInfo.InvariantCulture, $"journal body: {entry.Body}\n");
        return RequestIds().Replace(Times().Replace(text.ToString(), "\"$1\":T"), "\"req_N\"");
    }
}
