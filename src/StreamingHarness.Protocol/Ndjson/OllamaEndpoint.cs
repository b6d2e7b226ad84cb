namespace StreamingHarness.Protocol.Ndjson;

/// <summary>Which native stream a line belongs to: chat carries text in <c>message.content</c>, generate in <c>response</c>.</summary>
public enum OllamaEndpoint
{
    Chat,
    Generate,
}
