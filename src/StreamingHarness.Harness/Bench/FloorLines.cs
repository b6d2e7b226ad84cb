using System.Globalization;
using System.Text;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The floor server's whole answer, rendered once: each ndjson line in its own HTTP chunk, so sending a line is
/// one <c>send()</c> of bytes that already exist. The headers travel with the first line, as Ollama sends them.
/// </summary>
internal sealed class FloorLines
{
    private const string CreatedAt = "2026-11-30T08:00:00.0000000Z";

    public FloorLines(BenchText text, string model)
    {
        var lines = new byte[text.Tokens + 1][];
        for (var i = 0; i < text.Tokens; i++)
        {
            lines[i] = Chunk(ContentLine(model, BenchText.Token(i)), i == 0 ? Headers : "", "");
        }

        lines[text.Tokens] = Chunk(DoneLine(model, text.Tokens), text.Tokens == 0 ? Headers : "", "0\r\n\r\n");
        Lines = lines;
    }

    /// <summary>Line i is token i; the last one is the done line with the end of the chunked body.</summary>
    public IReadOnlyList<byte[]> Lines { get; }

    private static string Headers => "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
        + $"Date: {DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture)}\r\nConnection: close\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n";

    private static string ContentLine(string model, string token) =>
        $$"""{"model":"{{model}}","created_at":"{{CreatedAt}}","message":{"role":"assistant","content":"{{token}}"},"done":false}""" + "\n";

    private static string DoneLine(string model, int tokens) =>
        $$"""{"model":"{{model}}","created_at":"{{CreatedAt}}","message":{"role":"assistant","content":""},"done":true,"""
        + string.Create(CultureInfo.InvariantCulture, $"\"done_reason\":\"stop\",\"prompt_eval_count\":1,\"eval_count\":{tokens}}}\n");

    private static byte[] Chunk(string line, string before, string after)
    {
        var payload = Encoding.UTF8.GetByteCount(line);
        return Encoding.UTF8.GetBytes(before + payload.ToString("x", CultureInfo.InvariantCulture) + "\r\n" + line + "\r\n" + after);
    }
}
