using System.Globalization;
using System.Security.Cryptography;

namespace StreamingHarness.Harness.Measurement;

/// <summary>
/// A W3C <c>traceparent</c> per request of a run: a random half that is the run's own, then the request's id, so the
/// fake's journal names the request a line belongs to by its trace id.
/// </summary>
internal static class TraceParents
{
    private static readonly string Run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string For(long id) => $"00-{TraceId(id)}-{(id | 1).ToString("x16", CultureInfo.InvariantCulture)}-01";

    public static string TraceId(long id) => Run + id.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The trace id of a <c>traceparent</c> header, or null when it is not one.</summary>
    public static string? TraceIdOf(string? traceParent) =>
        traceParent is { Length: 55 } && traceParent[2] == '-' && traceParent[35] == '-' ? traceParent[3..35] : null;
}
