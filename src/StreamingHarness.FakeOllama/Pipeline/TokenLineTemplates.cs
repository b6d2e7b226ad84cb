namespace StreamingHarness.FakeOllama.Pipeline;

/// <summary>
/// A stream's two token lines as templates, its text (<c>content</c>, <c>response</c>) and its thinking, each cut at its
/// first use from the chunk that <paramref name="renderEmpty"/> renders with an empty <c>created_at</c> and empty text
/// (the argument says whether thinking).
/// </summary>
internal sealed class TokenLineTemplates(byte[] textField, Func<bool, byte[]> renderEmpty)
{
    private TokenLineTemplate? _text;
    private TokenLineTemplate? _thinking;

    public TokenLineTemplate For(bool thinking)
    {
        ref var template = ref thinking ? ref _thinking : ref _text;
        return template ??= TokenLineTemplate.Create(renderEmpty(thinking), thinking ? "\"thinking\":"u8 : textField);
    }
}
