namespace StreamingHarness.Client.OpenAi;

/// <summary>
/// An Ollama request made into a chat-completions one: the model, whether the Ollama caller wants a stream (the
/// upstream request always streams), and the body; or, when the Ollama request cannot be sent, the status and message
/// Ollama would have answered it with.
/// </summary>
public sealed record OpenAiTranslation(string Model, bool Stream, byte[] Body, int ErrorStatus = 0, string? Error = null)
{
    public bool Failed => Error is not null;

    public static OpenAiTranslation Refused(int status, string message) => new("", Stream: true, [], status, message);
}
