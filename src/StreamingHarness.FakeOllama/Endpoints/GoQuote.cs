using System.Globalization;
using System.Text;

namespace StreamingHarness.FakeOllama.Endpoints;

/// <summary>
/// Go's <c>%q</c> (strconv.Quote) of a string or byte slice, for error messages Ollama builds with it: printable
/// runes as they are, <c>"</c> and <c>\</c> escaped, the C escapes, other control runes as <c>\xNN</c> or
/// <c>\uNNNN</c>, and invalid UTF-8 bytes as <c>\xNN</c>.
/// </summary>
internal static class GoQuote
{
    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    public static string Of(ReadOnlySpan<byte> bytes)
    {
        var quoted = new StringBuilder(bytes.Length + 2).Append('"');
        while (!bytes.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out var length) != System.Buffers.OperationStatus.Done)
            {
                quoted.Append(CultureInfo.InvariantCulture, $"\\x{bytes[0]:x2}");
                bytes = bytes[1..];
                continue;
            }

            bytes = bytes[length..];
            _ = rune.Value switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\a' => quoted.Append("\\a"),
                '\b' => quoted.Append("\\b"),
                '\f' => quoted.Append("\\f"),
                '\n' => quoted.Append("\\n"),
                '\r' => quoted.Append("\\r"),
                '\t' => quoted.Append("\\t"),
                '\v' => quoted.Append("\\v"),
                < 0x20 or 0x7F => quoted.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}"),
                _ when System.Text.Rune.IsControl(rune) && rune.Value < 0x10000 =>
                    quoted.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}"),
                _ => quoted.Append(rune.ToString()),
            };
        }

        return quoted.Append('"').ToString();
    }
}
