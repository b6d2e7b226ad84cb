using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.FakeAdmin;

/// <summary>How a request ended, as the fake's journal records it (written by name in <c>/__fake/journal</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StreamEnding>))]
public enum StreamEnding
{
    /// <summary>Still being answered.</summary>
    InProgress,

    /// <summary>The whole answer was written (the final chunk, or the whole non-streamed body).</summary>
    Completed,

    /// <summary>The client went away; <see cref="JournalRecord.TokensDelivered"/> says after how many tokens.</summary>
    ClientDisconnected,

    /// <summary>A fault ended the stream; <see cref="JournalRecord.Detail"/> names it.</summary>
    Fault,

    /// <summary>Answered with an error status (bad request, unknown model, server busy…).</summary>
    Error,
}
