namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// The outcome of one request. <see cref="Label"/> is the key errors are counted by (<c>ok</c>, <c>http_503</c>,
/// <c>idle_timeout</c>, <c>in_band_error</c>, <c>in_band_error:upstream_protocol</c>, ...); <see cref="Detail"/> says
/// what exactly happened.
/// </summary>
internal readonly record struct Outcome(OutcomeKind Kind, string Label, string Detail)
{
    public static Outcome Ok { get; } = new(OutcomeKind.Ok, "ok", "");

    public bool IsOk => Kind == OutcomeKind.Ok;

    public static Outcome Http(int status, string body) => new(OutcomeKind.HttpStatus, $"http_{status}", body);

    public static Outcome Connect(string detail) => new(OutcomeKind.ConnectError, "connect_error", detail);

    /// <summary>Labelled with the client library's error code for the deadline (<see cref="TimeoutPhaseExtensions.Code"/>).</summary>
    public static Outcome Timeout(TimeoutPhase phase) =>
        new(OutcomeKind.Timeout, phase.Code(), $"{phase.Code()}: no progress within its deadline");

    public static Outcome Protocol(string detail) => new(OutcomeKind.ProtocolError, "protocol_error", detail);

    public static Outcome Disconnect(string detail) => new(OutcomeKind.Disconnect, "disconnect", detail);

    /// <summary>
    /// Labelled <c>in_band_error</c>, or <c>in_band_error:&lt;code&gt;</c> when the stream named one (the relay's error codes).
    /// </summary>
    public static Outcome InBand(string detail, string? code = null) =>
        new(OutcomeKind.InBandError, code is null ? "in_band_error" : "in_band_error:" + code, detail);

    public static Outcome Cancelled { get; } = new(OutcomeKind.Cancelled, "cancelled", "still running when the run's drain time ran out");
}
