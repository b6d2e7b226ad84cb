using System.Buffers;

namespace StreamingHarness.Protocol.Ndjson;

/// <summary>What every reader of an ndjson stream agrees a line is, beyond the framing of <see cref="NdjsonReader"/>.</summary>
public static class NdjsonLines
{
    /// <summary>
    /// A line of spaces, tabs and CRs only (JSON's whitespace but the newline that ends it), or none: tolerated between
    /// chunks by the client, the relay and the harness alike. Real Ollama never sends one; a proxy can.
    /// </summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;

    /// <inheritdoc cref="IsBlank(ReadOnlySpan{byte})"/>
    public static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (!IsBlank(segment.Span))
            {
                return false;
            }
        }

        return true;
    }
}
