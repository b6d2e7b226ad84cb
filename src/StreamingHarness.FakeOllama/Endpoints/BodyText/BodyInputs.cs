namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// The texts of an embedding body that <see cref="UnreadRequestTypes"/> has read, as slices of the body itself, their
/// escapes undone in place (as <see cref="BodyPrompt"/> takes a prompt): a 27 MiB input is hashed and counted where it
/// lies. Call one of these once per body, after the endpoint has checked the input's type.
/// </summary>
internal static class BodyInputs
{
    /// <summary>The body's <c>input</c>: one text for a string, one per element of an array of strings; none for null.</summary>
    public static ReadOnlyMemory<byte>[] OfInputField(ReadOnlyMemory<byte> json) =>
        BodyPrompt.Locate(json, BodyTextJsonContext.Default.EmbedInputField, out var start)?.Input is { } ranges
            ? Array.ConvertAll(ranges, range => BodyPrompt.Utf8(json, start, range))
            : [];

    /// <summary>The legacy <c>/api/embeddings</c> body's <c>prompt</c>; null reads as empty.</summary>
    public static ReadOnlyMemory<byte> OfPromptField(ReadOnlyMemory<byte> json) =>
        BodyPrompt.Locate(json, BodyTextJsonContext.Default.PromptField, out var start) is { } field
            ? BodyPrompt.Utf8(json, start, field.Prompt)
            : default;
}
