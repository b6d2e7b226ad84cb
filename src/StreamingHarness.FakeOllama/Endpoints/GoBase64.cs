using System.Numerics;

namespace StreamingHarness.FakeOllama.Endpoints;

/// <summary>
/// Go's error for a JSON string that should be a <c>[]byte</c> (standard base64 with padding; <c>\r</c> and <c>\n</c>
/// skipped): <c>illegal base64 data at input byte N</c>, N where Go's decoder stops. Hand-written because .NET's
/// decoder says only that the input is invalid, not where.
/// </summary>
internal static class GoBase64
{
    public static string? Error(string text) => Error(text.AsSpan());

    /// <summary>As <see cref="Error(string)"/>, on UTF-8 bytes (an <c>image_url</c> read in the request body).</summary>
    public static string? Error(ReadOnlySpan<byte> text) => Error<byte>(text);

    private static string? Error<T>(ReadOnlySpan<T> text)
        where T : unmanaged, IBinaryInteger<T>
    {
        var quantumStart = 0;
        var inQuantum = 0;
        var padding = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = (char)ushort.CreateTruncating(text[i]);
            if (c is '\r' or '\n')
            {
                continue;
            }

            if (inQuantum == 0)
            {
                quantumStart = i;
            }

            if (c == '=')
            {
                // Padding only in the last two places of the final quantum.
                if (inQuantum < 2)
                {
                    return Message(i);
                }

                padding++;
            }
            else if (padding > 0 || !(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            {
                return Message(padding > 0 ? i - 1 : i);
            }

            inQuantum = (inQuantum + 1) % 4;
            if (inQuantum == 0 && padding > 0 && i + 1 < text.Length)
            {
                return Message(i + 1);
            }
        }

        return inQuantum == 0 ? null : Message(quantumStart);
    }

    private static string Message(int at) => $"illegal base64 data at input byte {at}";
}
