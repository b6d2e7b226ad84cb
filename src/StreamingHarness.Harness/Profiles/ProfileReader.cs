using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Profiles;

/// <summary>
/// Applies a custom profile's rules to one message, in this order: <c>ignore</c>, <c>error</c>, <c>done</c>,
/// <c>token</c>; anything else is a protocol error of the service. The data is walked with
/// <see cref="Utf8JsonReader"/> and only the text a listener asked for is decoded.
/// </summary>
internal sealed class ProfileReader(ProfileDefinition profile)
{
    /// <summary>SSE's name for an event sent without an <c>event:</c> line.</summary>
    public const string DefaultEvent = "message";

    /// <param name="eventName">The SSE event name, or null for an ndjson line.</param>
    /// <param name="data">The message's data: the SSE data lines joined, or the ndjson line.</param>
    /// <param name="captureText">Whether to decode a token's text; without it only whether it has text is read.</param>
    public ProfileMessage Read(string? eventName, ReadOnlySpan<byte> data, bool captureText)
    {
        if (eventName is not null && profile.Ignore.Contains(eventName))
        {
            return new ProfileMessage(ProfileMessageKind.Ignored);
        }

        try
        {
            if (IsError(eventName, data))
            {
                return new ProfileMessage(ProfileMessageKind.Error, Detail: ErrorMessage(data));
            }

            var isDone = eventName is not null && profile.DoneEvent is { } doneEvent
                ? eventName == doneEvent && (profile.DoneWhen is null || profile.DoneWhen.IsMet(data))
                : profile.DoneWhen is { } when && (eventName is null || eventName == DefaultEvent) && when.IsMet(data);
            var isToken = eventName is null || eventName == (profile.TokenEvent ?? DefaultEvent);
            if (!isDone && !isToken)
            {
                return new ProfileMessage(
                    ProfileMessageKind.Unknown,
                    Detail: $"event '{eventName}' matches no rule of profile '{profile.Name}' (not token, done, error or ignore)");
            }

            var (hasText, text) = isToken ? TokenText(data, captureText) : (false, null);
            return new ProfileMessage(isDone ? ProfileMessageKind.Done : ProfileMessageKind.Token, hasText, text);
        }
        catch (JsonException ex)
        {
            var shown = Encoding.UTF8.GetString(data[..Math.Min(data.Length, 80)]);
            throw new StreamProtocolException(
                $"{(eventName is null ? "a line" : $"event '{eventName}'")} is not valid JSON: {ex.Message} (starts: {shown})");
        }
    }

    private bool IsError(string? eventName, ReadOnlySpan<byte> data)
    {
        if (eventName is not null && profile.ErrorEvent is { } errorEvent)
        {
            return eventName == errorEvent;
        }

        if (profile.ErrorMessage is not { } path)
        {
            return false;
        }

        var reader = new Utf8JsonReader(data);
        return path.TryMoveTo(ref reader) && reader.TokenType != JsonTokenType.Null;
    }

    private string ErrorMessage(ReadOnlySpan<byte> data)
    {
        if (profile.ErrorMessage is { } path && !data.IsEmpty)
        {
            var reader = new Utf8JsonReader(data);
            if (path.TryMoveTo(ref reader) && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString()!;
            }
        }

        return data.IsEmpty ? "(error without data)" : Encoding.UTF8.GetString(data[..Math.Min(data.Length, 200)]);
    }

    private (bool HasText, string? Text) TokenText(ReadOnlySpan<byte> data, bool captureText)
    {
        if (data.IsEmpty)
        {
            return (false, null);
        }

        var reader = new Utf8JsonReader(data);
        if (!profile.TokenText.TryMoveTo(ref reader) || reader.TokenType != JsonTokenType.String || reader.ValueSpan.IsEmpty)
        {
            return (false, null);
        }

        if (!reader.ValueIsEscaped && !Utf8.IsValid(reader.ValueSpan))
        {
            throw new StreamProtocolException($"the token text at {profile.TokenText} is not valid UTF-8");
        }

        return (true, captureText ? reader.GetString() : null);
    }
}
