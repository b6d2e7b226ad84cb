using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>drop-before-headers</c>: the connection is accepted and the request read, then closed before a single response
/// byte (FIN, or a reset with <see cref="Reset"/>). Safe to retry: nothing was generated for the client.
/// </summary>
public sealed class DropBeforeHeadersFault(bool reset, double probability = 1) : StreamFault
{
    public override string Name => FaultCatalog.DropBeforeHeaders;

    public bool Reset { get; } = reset;

    public double Probability { get; } = probability is >= 0 and <= 1 ? probability
        : throw new ArgumentOutOfRangeException(nameof(probability), "probability must be between 0 and 1.");

    public override async ValueTask<FaultAction> BeforeHeadersAsync(FaultContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Probability < 1 && context.RandomFor(this).NextDouble() >= Probability)
        {
            return FaultAction.Continue;
        }

        context.Record(this, Reset ? "reset the connection before any response byte" : "closed the connection before any response byte");
        if (Reset)
        {
            await context.ResetAsync("reset before headers").ConfigureAwait(false);
        }
        else
        {
            await context.CloseWithoutTerminatorAsync("closed before headers").ConfigureAwait(false);
        }

        return FaultAction.Stop;
    }
}
