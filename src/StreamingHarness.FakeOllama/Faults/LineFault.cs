using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// Base of the faults that act between lines of a stream: evaluates the <see cref="FaultTrigger"/> (with per-request
/// state, since one fault instance serves every request of its scenario) and calls <see cref="FireAsync"/> when it
/// matches. Non-streamed answers (one JSON body) are left alone.
/// </summary>
public abstract class LineFault(FaultTrigger trigger) : StreamFault
{
    public FaultTrigger Trigger { get; } = trigger;

    public sealed override async ValueTask<FaultAction> BeforeLineAsync(FaultContext context, OutgoingLine line)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Framing == StreamFraming.Json || !AppliesTo(context, line))
        {
            return FaultAction.Continue;
        }

        var fired = context.StateOf<FiredFlag>(this);
        if (fired.Value && !Trigger.Repeat)
        {
            return FaultAction.Continue;
        }

        if (!Trigger.Matches(context, line, context.RandomFor(this)))
        {
            return FaultAction.Continue;
        }

        fired.Value = true;
        return await FireAsync(context, line).ConfigureAwait(false);
    }

    /// <summary>Which lines this fault may act on; by default every streamed line.</summary>
    protected virtual bool AppliesTo(FaultContext context, OutgoingLine line) => true;

    /// <summary>Acts on the line; <see cref="OutgoingLine.Bytes"/> is only valid until this returns.</summary>
    protected abstract ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line);

    private sealed class FiredFlag
    {
        public bool Value { get; set; }
    }
}
