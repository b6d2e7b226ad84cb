namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// One part of an OpenAI message's content as Ollama's middleware reads it (<c>openai/openai.go:567-613</c> at
/// v0.33.0-rc2): where its text, image URL or base64 audio lies in the body, or the error the middleware gives for it.
/// </summary>
/// <param name="Kind">What the part is.</param>
/// <param name="Value">The text, the URL or the audio data; default for an invalid part.</param>
/// <param name="Error">The middleware's error for an <see cref="ContentPartKind.Invalid"/> part.</param>
internal readonly record struct ContentPart(ContentPartKind Kind, JsonStringRange Value, string? Error = null)
{
    public const string InvalidFormat = "invalid message format";

    public static ContentPart Invalid(string error) => new(ContentPartKind.Invalid, default, error);
}
