namespace StreamingHarness.Protocol.Responses;

/// <summary>The Responses stream's event types that Ollama sends, in the order a stream can send them.</summary>
public static class ResponsesEventTypes
{
    public const string Created = "response.created";
    public const string InProgress = "response.in_progress";
    public const string OutputItemAdded = "response.output_item.added";
    public const string ReasoningSummaryTextDelta = "response.reasoning_summary_text.delta";
    public const string ReasoningSummaryTextDone = "response.reasoning_summary_text.done";
    public const string ContentPartAdded = "response.content_part.added";
    public const string OutputTextDelta = "response.output_text.delta";
    public const string OutputTextDone = "response.output_text.done";
    public const string ContentPartDone = "response.content_part.done";
    public const string FunctionCallArgumentsDelta = "response.function_call_arguments.delta";
    public const string FunctionCallArgumentsDone = "response.function_call_arguments.done";
    public const string OutputItemDone = "response.output_item.done";
    public const string Completed = "response.completed";

    /// <summary>Sent by OpenAI, never by Ollama (a mid-stream failure there just stops the stream).</summary>
    public const string Failed = "response.failed";

    public const string Incomplete = "response.incomplete";
    public const string Error = "error";
}
