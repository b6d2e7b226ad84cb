using System.Text.Json;
using System.Text.Unicode;

namespace StreamingHarness.Protocol.A2a;

/// <summary>
/// Reads one streamed A2A JSON-RPC payload in place with <see cref="Utf8JsonReader"/>, in the v1.0 shape
/// (<c>result.artifactUpdate</c>, <c>TASK_STATE_COMPLETED</c>) and the v0.3 one (<c>result.kind: "artifact-update"</c>,
/// <c>completed</c>, <c>final</c>). Deserializing into the wire records would allocate per token; this allocates only
/// for status and error words, and for the text parts when <c>texts</c> asks for them. Bad JSON throws
/// <see cref="JsonException"/>.
/// </summary>
public static class A2aEventScanner
{
    private const int MaxDepth = 64;

    private enum Scope : byte
    {
        Other, Root, Result, Event, Status, StatusMessage, Artifact, TextParts, StatusParts, TextPart, StatusPart, Error,
    }

    public static A2aStreamEvent Scan(ReadOnlySpan<byte> json, ICollection<string>? texts = null)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        Span<Scope> scopes = stackalloc Scope[MaxDepth + 1];
        var kind = A2aEventKind.Unknown;
        var state = A2aTaskState.None;
        var textParts = 0;
        var final = false;
        long? code = null;
        string? message = null;
        var property = Property.None;
        while (reader.Read())
        {
            var depth = reader.CurrentDepth;
            var parent = depth == 0 ? Scope.Other : scopes[depth - 1];
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    scopes[depth] = depth == 0 ? Scope.Root : Enter(parent, property, ref kind);
                    break;
                case JsonTokenType.PropertyName:
                    property = Name(ref reader);
                    continue;
                case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                    switch (parent, property)
                    {
                        case (Scope.Result, Property.Kind):
                            kind = KindOf(ref reader, kind);
                            break;
                        case (Scope.Result or Scope.Event, Property.Final):
                            final = reader.TokenType == JsonTokenType.True;
                            break;
                        case (Scope.Status, Property.State):
                            state = StateOf(ref reader);
                            break;
                        case (Scope.TextPart, Property.Text) when reader.ValueSpan.Length > 0:
                            CheckUtf8(ref reader);
                            textParts++;
                            texts?.Add(reader.GetString()!);
                            break;
                        case (Scope.StatusPart, Property.Text):
                            message ??= reader.GetString();
                            break;
                        case (Scope.Error, Property.Code) when reader.TokenType == JsonTokenType.Number:
                            code = reader.TryGetInt64(out var value) ? value : null;
                            break;
                        case (Scope.Error, Property.Message) when reader.TokenType == JsonTokenType.String:
                            message = reader.GetString();
                            break;
                    }

                    break;
            }

            property = Property.None;
        }

        return new A2aStreamEvent(kind, state, textParts, final, code, message);
    }

    private enum Property : byte
    {
        None, Other, Result, Error, Task, Message, StatusUpdate, ArtifactUpdate, Kind, Status, State, Final, Artifact, Parts, Text, Code,
    }

    private static Scope Enter(Scope parent, Property property, ref A2aEventKind kind) => (parent, property) switch
    {
        (Scope.Root, Property.Result) => Scope.Result,
        (Scope.Root, Property.Error) => SetKind(ref kind, A2aEventKind.Error, Scope.Error),
        (Scope.Result, Property.Task) => SetKind(ref kind, A2aEventKind.Task, Scope.Event),
        (Scope.Result, Property.Message) => SetKind(ref kind, A2aEventKind.Message, Scope.Event),
        (Scope.Result, Property.StatusUpdate) => SetKind(ref kind, A2aEventKind.StatusUpdate, Scope.Event),
        (Scope.Result, Property.ArtifactUpdate) => SetKind(ref kind, A2aEventKind.ArtifactUpdate, Scope.Event),
        (Scope.Result or Scope.Event, Property.Status) => Scope.Status,
        (Scope.Result or Scope.Event, Property.Artifact) => Scope.Artifact,
        (Scope.Result or Scope.Event or Scope.Artifact, Property.Parts) => Scope.TextParts,
        (Scope.Status, Property.Message) => Scope.StatusMessage,
        (Scope.StatusMessage, Property.Parts) => Scope.StatusParts,
        (Scope.TextParts, Property.None) => Scope.TextPart,
        (Scope.StatusParts, Property.None) => Scope.StatusPart,
        _ => Scope.Other,
    };

    private static Scope SetKind(ref A2aEventKind kind, A2aEventKind value, Scope scope)
    {
        kind = value;
        return scope;
    }

    private static Property Name(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("result"u8) ? Property.Result
        : reader.ValueTextEquals("error"u8) ? Property.Error
        : reader.ValueTextEquals("task"u8) ? Property.Task
        : reader.ValueTextEquals("message"u8) ? Property.Message
        : reader.ValueTextEquals("statusUpdate"u8) || reader.ValueTextEquals("status_update"u8) ? Property.StatusUpdate
        : reader.ValueTextEquals("artifactUpdate"u8) || reader.ValueTextEquals("artifact_update"u8) ? Property.ArtifactUpdate
        : reader.ValueTextEquals("kind"u8) ? Property.Kind
        : reader.ValueTextEquals("status"u8) ? Property.Status
        : reader.ValueTextEquals("state"u8) ? Property.State
        : reader.ValueTextEquals("final"u8) ? Property.Final
        : reader.ValueTextEquals("artifact"u8) ? Property.Artifact
        : reader.ValueTextEquals("parts"u8) ? Property.Parts
        : reader.ValueTextEquals("text"u8) ? Property.Text
        : reader.ValueTextEquals("code"u8) ? Property.Code
        : Property.Other;

    private static A2aEventKind KindOf(ref Utf8JsonReader reader, A2aEventKind current) =>
        reader.ValueTextEquals("artifact-update"u8) ? A2aEventKind.ArtifactUpdate
        : reader.ValueTextEquals("status-update"u8) ? A2aEventKind.StatusUpdate
        : reader.ValueTextEquals("task"u8) ? A2aEventKind.Task
        : reader.ValueTextEquals("message"u8) ? A2aEventKind.Message
        : current;

    private static A2aTaskState StateOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("TASK_STATE_COMPLETED"u8) || reader.ValueTextEquals("completed"u8) ? A2aTaskState.Completed
        : reader.ValueTextEquals("TASK_STATE_WORKING"u8) || reader.ValueTextEquals("working"u8) ? A2aTaskState.Working
        : reader.ValueTextEquals("TASK_STATE_SUBMITTED"u8) || reader.ValueTextEquals("submitted"u8) ? A2aTaskState.Submitted
        : reader.ValueTextEquals("TASK_STATE_FAILED"u8) || reader.ValueTextEquals("failed"u8) ? A2aTaskState.Failed
        : reader.ValueTextEquals("TASK_STATE_CANCELED"u8) || reader.ValueTextEquals("canceled"u8) ? A2aTaskState.Canceled
        : reader.ValueTextEquals("TASK_STATE_REJECTED"u8) || reader.ValueTextEquals("rejected"u8) ? A2aTaskState.Rejected
        : reader.ValueTextEquals("TASK_STATE_INPUT_REQUIRED"u8) || reader.ValueTextEquals("input-required"u8) ? A2aTaskState.InputRequired
        : reader.ValueTextEquals("TASK_STATE_AUTH_REQUIRED"u8) || reader.ValueTextEquals("auth-required"u8) ? A2aTaskState.AuthRequired
        : A2aTaskState.Unknown;

    private static void CheckUtf8(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !Utf8.IsValid(reader.ValueSpan))
        {
            throw new JsonException("a text part is not valid UTF-8");
        }
    }
}
