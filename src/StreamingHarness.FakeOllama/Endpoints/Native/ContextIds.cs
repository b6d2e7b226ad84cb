using System.Buffers.Text;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Endpoints.Native;

/// <summary>
/// Stand-in token ids for <c>/api/generate</c>'s <c>context</c>: one per prompt and answer token, deterministic,
/// written comma-separated in pieces (the inside of the JSON array) without ever holding the list.
/// </summary>
internal sealed class ContextIds(int count) : ILineSplice
{
    /// <summary>The longest id with its comma: a sign and ten digits.</summary>
    private const int MaxIdBytes = 12;

    private int _next;

    public int Fill(Span<byte> destination)
    {
        var written = 0;
        while (_next < count && destination.Length - written >= MaxIdBytes)
        {
            if (_next > 0)
            {
                destination[written++] = (byte)',';
            }

            _ = Utf8Formatter.TryFormat(Id(_next), destination[written..], out var digits);
            written += digits;
            _next++;
        }

        return written;
    }

    /// <summary>Unchecked int arithmetic on purpose: the ids the fake has always sent, wrap-around included.</summary>
    internal static int Id(int index) => unchecked(128 + ((index * 7919) % 127_000));
}
