using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>flaky-then-ok</c>: a script per attempt. Attempt k of a session gets the faults of <see cref="Attempts"/>[k-1]
/// (an empty list is a clean answer); attempts past the end are clean. Attempts are counted per scenario and per
/// <c>X-Fake-Session</c> header value (one shared default session when the header is absent), so parallel tests that
/// send their own session keys do not disturb each other. <c>POST /__fake/reset</c> starts every count again.
/// </summary>
public sealed class FlakyThenOkFault(IReadOnlyList<IReadOnlyList<IStreamFault>> attempts) : IStreamFault
{
    public const string SessionHeader = "X-Fake-Session";
    public const string DefaultSession = "default";

    public string Name => FaultCatalog.FlakyThenOk;

    public IReadOnlyList<IReadOnlyList<IStreamFault>> Attempts { get; } = attempts.Count > 0 ? attempts
        : throw new ArgumentException("attempts must list at least one attempt.", nameof(attempts));

    public async ValueTask OnLoadAsync(FaultContext context)
    {
        foreach (var fault in FaultsFor(context))
        {
            await fault.OnLoadAsync(context).ConfigureAwait(false);
        }
    }

    public async ValueTask<FaultAction> BeforeHeadersAsync(FaultContext context)
    {
        foreach (var fault in FaultsFor(context))
        {
            var action = await fault.BeforeHeadersAsync(context).ConfigureAwait(false);
            if (action != FaultAction.Continue)
            {
                return action;
            }
        }

        return FaultAction.Continue;
    }

    public async ValueTask<FaultAction> BeforeLineAsync(FaultContext context, OutgoingLine line)
    {
        foreach (var fault in FaultsFor(context))
        {
            var action = await fault.BeforeLineAsync(context, line).ConfigureAwait(false);
            if (action != FaultAction.Continue)
            {
                return action;
            }
        }

        return FaultAction.Continue;
    }

    public async ValueTask AtEndAsync(FaultContext context)
    {
        foreach (var fault in FaultsFor(context))
        {
            await fault.AtEndAsync(context).ConfigureAwait(false);
        }
    }

    /// <summary>The attempt's faults, chosen once per request on its first hook.</summary>
    private IReadOnlyList<IStreamFault> FaultsFor(FaultContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chosen = context.StateOf<Chosen>(this);
        if (chosen.Faults is null)
        {
            var header = context.HttpContext.Request.Headers[SessionHeader].ToString();
            var session = string.IsNullOrEmpty(header) ? DefaultSession : header;
            var attempt = context.Shared.NextAttempt(context.Scenario.Name, session);
            chosen.Faults = attempt <= Attempts.Count ? Attempts[attempt - 1] : [];
            context.Record(this, $"session '{session}' attempt {attempt}: " +
                (chosen.Faults.Count == 0 ? "clean" : string.Join(" + ", chosen.Faults.Select(f => f.Name))));
        }

        return chosen.Faults;
    }

    private sealed class Chosen
    {
        public IReadOnlyList<IStreamFault>? Faults { get; set; }
    }
}
