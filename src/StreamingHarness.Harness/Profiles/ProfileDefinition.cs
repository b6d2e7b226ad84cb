namespace StreamingHarness.Harness.Profiles;

/// <summary>
/// A custom profile as its YAML file says it, checked (see <see cref="ProfileFile"/>): the request to send, the
/// framing, and how to tell a token, the terminal, an error and an event to ignore apart.
/// </summary>
internal sealed record ProfileDefinition(
    string Name,
    string Source,
    HttpMethod Method,
    string Path,
    ProfileTemplate? Body,
    IReadOnlyList<KeyValuePair<string, ProfileTemplate>> Headers,
    ProfileFraming Framing,
    string? TokenEvent,
    JsonPath TokenText,
    string? DoneEvent,
    JsonCondition? DoneWhen,
    string? ErrorEvent,
    JsonPath? ErrorMessage,
    IReadOnlySet<string> Ignore);
