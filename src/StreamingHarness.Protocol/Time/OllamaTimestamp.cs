using System.Buffers.Text;
using System.Globalization;

namespace StreamingHarness.Protocol.Time;

/// <summary>
/// Ollama's <c>created_at</c>: Go's RFC3339Nano in UTC, e.g. <c>2025-10-26T17:21:21.1962491Z</c>.
/// Trailing zeros of the fraction are trimmed and the fraction vanishes when it is zero, which .NET's "o" format
/// does not do (it writes 7 digits and <c>+00:00</c>). .NET ticks are 100 ns, so at most 7 digits are written;
/// up to 9 are read.
/// </summary>
public static class OllamaTimestamp
{
    /// <summary>Longest output: <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>.</summary>
    public const int MaxLength = 28;

    public static string Format(DateTimeOffset value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var written = Write(value, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..written]);
    }

    /// <summary>
    /// Go's RFC3339Nano in the value's own offset, as Ollama writes <c>modified_at</c> and <c>expires_at</c>
    /// (<c>2025-05-10T08:06:48.6397126-07:00</c>); a zero offset is written <c>Z</c>, as Go does.
    /// </summary>
    public static string FormatWithOffset(DateTimeOffset value)
    {
        if (value.Offset == TimeSpan.Zero)
        {
            return Format(value);
        }

        Span<byte> buffer = stackalloc byte[MaxLength];
        var written = WriteClock(value.DateTime, buffer);
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{System.Text.Encoding.ASCII.GetString(buffer[..written])}{sign}{offset.Hours:D2}:{offset.Minutes:D2}");
    }

    /// <summary>Writes the timestamp as ASCII without allocating; returns the number of bytes written.</summary>
    public static int Write(DateTimeOffset value, Span<byte> destination)
    {
        if (destination.Length < MaxLength)
        {
            throw new ArgumentException($"Needs {MaxLength} bytes.", nameof(destination));
        }

        var pos = WriteClock(value.UtcDateTime, destination);
        destination[pos++] = (byte)'Z';
        return pos;
    }

    /// <summary>Date, time and trimmed fraction, without the zone designator.</summary>
    private static int WriteClock(DateTime utc, Span<byte> destination)
    {
        var pos = 0;
        pos += WriteDigits(utc.Year, 4, destination[pos..]);
        destination[pos++] = (byte)'-';
        pos += WriteDigits(utc.Month, 2, destination[pos..]);
        destination[pos++] = (byte)'-';
        pos += WriteDigits(utc.Day, 2, destination[pos..]);
        destination[pos++] = (byte)'T';
        pos += WriteDigits(utc.Hour, 2, destination[pos..]);
        destination[pos++] = (byte)':';
        pos += WriteDigits(utc.Minute, 2, destination[pos..]);
        destination[pos++] = (byte)':';
        pos += WriteDigits(utc.Second, 2, destination[pos..]);

        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            destination[pos++] = (byte)'.';
            pos += WriteDigits(fraction, digits, destination[pos..]);
        }

        return pos;
    }

    /// <summary>Reads RFC 3339 with 0 to 9 fractional digits and a <c>Z</c> or numeric offset.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        // .NET parses at most 7 fractional digits; Go writes up to 9. Drop the two that ticks cannot hold.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    private static int WriteDigits(int value, int digits, Span<byte> destination)
    {
        Utf8Formatter.TryFormat(value, destination, out var written, new System.Buffers.StandardFormat('D', (byte)digits));
        return written;
    }
}
