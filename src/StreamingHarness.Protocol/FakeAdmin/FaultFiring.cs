using System.Text.Json.Serialization;

namespace StreamingHarness.Protocol.FakeAdmin;

/// <summary>
/// One fault that fired in a request: where (tokens and lines already written, time since the request arrived) and
/// what it did or planned ("stalled 5000 ms at token 3, then resume"). The planned part is the timing script: the same
/// seed gives the same actions.
/// </summary>
public sealed record FaultFiring(
    [property: JsonPropertyName("fault")] string Fault,
    [property: JsonPropertyName("at_token")] int AtToken,
    [property: JsonPropertyName("at_line")] int AtLine,
    [property: JsonPropertyName("at_ms")] double AtMs,
    [property: JsonPropertyName("action")] string Action);
