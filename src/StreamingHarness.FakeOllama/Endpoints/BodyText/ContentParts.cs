namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// An OpenAI chat message's content as <see cref="ContentPartsConverter"/> finds it in the body: a string is one text
/// part; an array gives each of its parts, in order. Content of another JSON kind has no parts, only its Go type.
/// </summary>
internal sealed class ContentParts
{
    public List<ContentPart> Parts { get; } = [];

    /// <summary>
    /// The Go type the middleware decodes content of another kind to (<c>%T</c> of an <c>any</c>: <c>float64</c>,
    /// <c>bool</c>, <c>map[string]interface {}</c>); null for a string or an array.
    /// </summary>
    public string? OtherGoType { get; init; }
}
