namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// Where an OpenAI chat message's content lies in the body: a string is one text; an array of parts gives the text of
/// each <c>text</c> part and the URL of each <c>image_url</c> part, in order, as <see cref="ContentPartsConverter"/>
/// finds them. A text part whose text is not a string is an empty text at the part's start.
/// </summary>
internal sealed class ContentParts
{
    public List<JsonStringRange> Texts { get; } = [];

    /// <summary>Each <c>image_url</c> part's <c>image_url.url</c>; an empty range where it is not a string.</summary>
    public List<JsonStringRange> ImageUrls { get; } = [];
}
