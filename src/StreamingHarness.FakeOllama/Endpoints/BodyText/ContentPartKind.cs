namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>The kinds of content part Ollama's middleware takes (<c>openai/openai.go:572-613</c>), and the part it refuses.</summary>
internal enum ContentPartKind
{
    /// <summary>A <c>text</c> part, or a string content: a native message with that content.</summary>
    Text,

    /// <summary>An <c>image_url</c> part: a native message with the image and no content.</summary>
    ImageUrl,

    /// <summary>An <c>input_audio</c> part: a native message with the audio (as an image) and no content.</summary>
    InputAudio,

    /// <summary>A part the middleware refuses with <see cref="ContentPart.Error"/>.</summary>
    Invalid,
}
