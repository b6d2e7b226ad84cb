using System.Diagnostics;

namespace StreamingHarness.Relay.Telemetry;

/// <summary>
/// The relay's traces (source <c>StreamingHarness.Relay</c>): one <c>relay.stream</c> activity per relayed stream,
/// with a <c>first_token</c> event and one terminal event named after the outcome (<c>done</c> or the error code).
/// HttpClient makes the upstream call a child of it and sends its <c>traceparent</c>.
/// </summary>
internal static class RelayTracing
{
    public const string SourceName = "StreamingHarness.Relay";
    public const string StreamActivityName = "relay.stream";
    public const string FirstTokenEvent = "first_token";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Null when nothing listens (tracing off): then every call below costs nothing.</summary>
    public static Activity? StartStream(string path, string model)
    {
        var activity = Source.StartActivity(StreamActivityName, ActivityKind.Internal);
        activity?.SetTag("url.path", path);
        if (model.Length > 0)
        {
            activity?.SetTag("gen_ai.request.model", model);
        }

        return activity;
    }

    public static void FirstToken(Activity? activity, TimeSpan timeToFirstToken) =>
        activity?.AddEvent(new ActivityEvent(
            FirstTokenEvent, tags: new ActivityTagsCollection { ["relay.ttft_ms"] = timeToFirstToken.TotalMilliseconds }));

    public static void Terminal(Activity? activity, string code)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("relay.outcome", code);
        activity.AddEvent(new ActivityEvent(code));
        if (code != "done")
        {
            activity.SetStatus(ActivityStatusCode.Error, code);
        }
    }
}
