using StreamingHarness.Protocol.A2a;
using StreamingHarness.Protocol.Relay;

namespace StreamingHarness.Relay.A2a;

/// <summary>
/// One task: its ids, its state (moving only forward, and never out of a terminal state), why it failed, and the
/// answer of a task sent with <c>SendMessage</c>. <see cref="Cancel"/> stops the upstream request of a running task.
/// </summary>
internal sealed class A2aTaskRecord(string id, string contextId, DateTimeOffset created) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _cancel = new();
    private bool _released;

    public string Id { get; } = id;

    public string ContextId { get; } = contextId;

    public DateTimeOffset Created { get; } = created;

    public A2aTaskState State { get; private set; } = A2aTaskState.Submitted;

    /// <summary>Why the task failed or was canceled: the SSE API's code and message.</summary>
    public (string Code, string Message)? Reason { get; private set; }

    /// <summary>The answer as escaped JSON string bytes; kept for tasks of <c>SendMessage</c> only.</summary>
    public byte[]? AnswerJson { get; set; }

    /// <summary>Cancelled by <see cref="Cancel"/>: the upstream request's stop signal.</summary>
    public CancellationToken Canceled => _cancel.Token;

    public bool IsTerminal => State is A2aTaskState.Completed or A2aTaskState.Failed or A2aTaskState.Canceled or A2aTaskState.Rejected;

    public void MarkWorking()
    {
        lock (_lock)
        {
            if (State == A2aTaskState.Submitted)
            {
                State = A2aTaskState.Working;
            }
        }
    }

    /// <summary>Ends the task unless it ended already; returns the state it ended in (a cancel that came first wins).</summary>
    public A2aTaskState Finish(A2aTaskState state, (string Code, string Message)? reason = null)
    {
        lock (_lock)
        {
            if (!IsTerminal)
            {
                State = state;
                Reason = reason;
            }

            return State;
        }
    }

    /// <summary>Cancels a running task; false when it had already ended.</summary>
    public bool Cancel(string reason)
    {
        lock (_lock)
        {
            if (IsTerminal)
            {
                return false;
            }

            State = A2aTaskState.Canceled;
            Reason = (RelayErrorCodes.Canceled, reason);
            if (_released)
            {
                return true;
            }
        }

        try
        {
            // Outside the lock: the cancellation runs the upstream's callbacks, which may end the stream at once.
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream ended meanwhile; there is nothing left to stop.
        }

        return true;
    }

    /// <summary>The stream is over: the stop signal is no longer needed.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _released = true;
            _cancel.Dispose();
        }
    }
}
