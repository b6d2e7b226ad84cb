using System.Buffers;
using System.Text;
using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// The prompt as the fake received it: a string, or UTF-8 bytes straight from the request body (a chat message's
/// content, which may be tens of MiB). The fake counts and echoes tokens on the bytes themselves and matches prompt
/// rules on a window of decoded text at a time, so a large prompt is held once, as the request carried it, not again
/// as UTF-16. Only a regular expression that is more than a literal needs the whole text (<see cref="ToString"/>).
/// </summary>
internal sealed class PromptText
{
    private readonly string? _text;
    private readonly ReadOnlyMemory<byte> _utf8;

    private PromptText(string? text, ReadOnlyMemory<byte> utf8)
    {
        _text = text;
        _utf8 = utf8;
    }

    private const int WindowChars = 16 * 1024;

    public static PromptText Empty { get; } = new("", default);

    public static PromptText FromString(string text) => new(text, default);

    public static PromptText FromUtf8(ReadOnlyMemory<byte> utf8) => new(null, utf8);

    public static implicit operator PromptText(string text) => FromString(text);

    public bool IsEmpty => _text is null ? _utf8.IsEmpty : _text.Length == 0;

    public int CountTokens() => _text is null ? Tokenizer.Count(_utf8.Span) : Tokenizer.Count(_text);

    public string[] SplitTokens() => _text is null ? Tokenizer.Split(_utf8.Span) : Tokenizer.Split(_text);

    /// <summary>
    /// Whether <paramref name="test"/> holds for some window of the text. Windows overlap by <paramref name="overlap"/>
    /// characters, so a search for anything that long or shorter sees every place it could be. A string is one window.
    /// </summary>
    public bool AnyWindow(int overlap, Func<ReadOnlySpan<char>, bool> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (_text is not null)
        {
            return test(_text);
        }

        overlap = Math.Max(overlap, 0);
        var buffer = ArrayPool<char>.Shared.Rent(WindowChars + overlap);
        try
        {
            var decoder = Encoding.UTF8.GetDecoder();
            var bytes = _utf8.Span;
            var kept = 0;
            while (true)
            {
                decoder.Convert(bytes, buffer.AsSpan(kept, WindowChars), flush: true, out var used, out var decoded, out _);
                bytes = bytes[used..];
                var window = buffer.AsSpan(0, kept + decoded);
                if (test(window))
                {
                    return true;
                }

                if (bytes.IsEmpty)
                {
                    return false;
                }

                kept = Math.Min(overlap, window.Length);
                window[^kept..].CopyTo(buffer);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Whether the rule holds: a substring, or a pattern that is only a literal, is looked for a window at a time; any
    /// other pattern needs the whole prompt as a string.
    /// </summary>
    public bool Matches(PromptMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        if (match.Contains is { } needle)
        {
            return AnyWindow(needle.Length - 1, window => window.Contains(needle, StringComparison.OrdinalIgnoreCase));
        }

        var regex = match.Regex;
        return match.IsLiteralPattern ? AnyWindow(match.Pattern!.Length - 1, window => regex.IsMatch(window)) : regex.IsMatch(ToString());
    }

    /// <summary>The prompt as a string: decoded on each call when it came as bytes.</summary>
    public override string ToString() => _text ?? Encoding.UTF8.GetString(_utf8.Span);
}
