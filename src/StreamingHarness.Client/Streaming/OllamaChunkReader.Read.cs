using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Client.Streaming;

/// <summary>
/// The wait for the next line. Not an async method: the reader completes its own <see cref="ValueTask{TResult}"/> from
/// the line reader's completion, so the caller's continuation runs straight from the line reader's, where an async
/// method here would add a state machine resumed (under the execution context) on every token: a relay profile put
/// that layer at about 2% of its CPU. The failure rules are <see cref="EndRead"/>'s, whichever way the read completed.
/// </summary>
public sealed partial class OllamaChunkReader : IValueTaskSource<bool>
{
    private readonly Action _onLineRead;
    private ManualResetValueTaskSourceCore<bool> _read;
    private ConfiguredValueTaskAwaitable<bool>.ConfiguredValueTaskAwaiter _pending;

    /// <summary>
    /// Waits for the next line. True: a line is in <see cref="Current"/>, give it to <see cref="HandleLine"/>. False: the
    /// stream is over and whole (done, then a clean end; or the connection went quiet or away after done). One read at a
    /// time: the next call only once this one completed.
    /// </summary>
    public ValueTask<bool> ReadLineAsync()
    {
        // Consumed once, through its awaiter: here when it completed at once, else in OnLineRead.
#pragma warning disable CA2012
        var line = _reader.ReadLineAsync(_deadlines.Token).ConfigureAwait(false).GetAwaiter();
#pragma warning restore CA2012
        if (line.IsCompleted)
        {
            try
            {
                return new ValueTask<bool>(EndRead(line));
            }
            catch (Exception ex)
            {
                return ValueTask.FromException<bool>(ex);
            }
        }

        _read.Reset();
        _pending = line;
        line.UnsafeOnCompleted(_onLineRead);
        return new ValueTask<bool>(this, _read.Version);
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _read.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _read.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(
        Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _read.OnCompleted(continuation, state, token, flags);

    private void OnLineRead()
    {
        var line = _pending;
        _pending = default;
        bool hasLine;
        try
        {
            hasLine = EndRead(line);
        }
        catch (Exception ex)
        {
            _read.SetException(ex);
            return;
        }

        _read.SetResult(hasLine);
    }

    /// <summary>The line reader's outcome as this reader's: the line, the confirmed end, or the failure that says what broke.</summary>
    private bool EndRead(ConfiguredValueTaskAwaitable<bool>.ConfiguredValueTaskAwaiter line)
    {
        bool hasLine;
        try
        {
            hasLine = line.GetResult();
        }
        catch (OperationCanceledException) when (!_deadlines.CallerCancelled)
        {
            // A stall after a complete done line loses nothing: the stream is whole.
            return SawDone ? false : throw _deadlines.CancelledFailure(TokensReceived);
        }
        catch (NdjsonFormatException ex)
        {
            throw OllamaFailures.Protocol("broken upstream stream: " + ex.Message, TokensReceived, ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException)
        {
            if (SawDone)
            {
                return false;
            }

            var partial = _bytesRead?.Invoke() - _reader.BytesConsumed;
            throw partial > 0
                ? OllamaFailures.Protocol(
                    $"upstream line {_reader.LineNumber + 1} was cut after {partial} bytes when the connection broke: {ex.Message}",
                    TokensReceived, ex)
                : OllamaFailures.ConnectionBroke(ex, TokensReceived);
        }

        if (!hasLine)
        {
            return SawDone
                ? false
                : throw OllamaFailures.Protocol(
                    $"the upstream ended the stream after {_reader.LineNumber} lines without a done line", TokensReceived);
        }

        _deadlines.LineReceived();
        return true;
    }
}
