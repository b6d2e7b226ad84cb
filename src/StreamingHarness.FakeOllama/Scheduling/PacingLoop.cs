namespace StreamingHarness.FakeOllama.Scheduling;

/// <summary>
/// The one place paced streams wait for their next line: a queue of due times and a loop that wakes at most once per
/// tick (<see cref="SystemTick"/>) and releases every stream whose line is due, never before its time. A stream's continuation runs
/// inline on the loop (see <see cref="PacedWait"/>), so a paced line costs no timer, no allocation and no thread hop:
/// one loop serves every stream, where a <c>Task.Delay</c> per token cost a timer and a thread-pool hop each.
/// <para>
/// A write that cannot complete at once (a slow client whose socket buffer is full) never holds the loop: the stream's
/// continuation returns to the loop as soon as it awaits the send, and the stream asks for its next slot when the send
/// is done. On the system clock the loop is a dedicated thread (a timer callback would queue behind the thread pool's
/// work); on any other clock (a test's manual clock) it is one timer of that clock, so tests move time themselves.
/// </para>
/// Hand-written: the platform has no shared deadline scheduler that runs continuations inline.
/// </summary>
internal sealed class PacingLoop : IDisposable
{
    /// <summary>
    /// On the system clock the loop wakes at most this often; a line is released at most one tick (plus the OS's
    /// wake-up) late, never early.
    /// </summary>
    public static readonly TimeSpan SystemTick = TimeSpan.FromMilliseconds(1);

    [ThreadStatic]
    private static bool t_onLoopThread;

    // Monitor rather than Lock: the dedicated thread sleeps on it with Monitor.Wait until the next due time.
    private readonly object _gate = new();
    private readonly PriorityQueue<(PacedWait Wait, int Generation), long> _queue = new();
    private readonly List<(PacedWait Wait, int Generation)> _timerBatch = [];
    private readonly long _tick;
    private readonly ITimer? _timer;
    private Thread? _thread;
    private long _plannedWake = long.MaxValue;
    private long _lastWake = long.MinValue;
    private long _wakes;
    private bool _disposed;

    /// <param name="time">The clock of every due time.</param>
    /// <param name="tick">
    /// The shortest time between two wakes. Default: <see cref="SystemTick"/> on the system clock; none on any other
    /// clock, where waking costs nothing and a test expects each line exactly at its due time.
    /// </param>
    public PacingLoop(TimeProvider time, TimeSpan? tick = null)
    {
        Time = time;
        _tick = (long)((tick ?? (time == TimeProvider.System ? SystemTick : TimeSpan.Zero)).TotalSeconds * time.TimestampFrequency);
        if (time != TimeProvider.System)
        {
            _timer = time.CreateTimer(
                static state => ((PacingLoop)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public TimeProvider Time { get; }

    /// <summary>True on the loop's thread, where a stream that is done with pacing should not stay (it delays the others).</summary>
    public static bool OnLoopThread => t_onLoopThread;

    /// <summary>Streams waiting for their slot right now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Times the loop woke and released streams (for tests: one wake releases every line due).</summary>
    public long Wakes
    {
        get
        {
            lock (_gate)
            {
                return _wakes;
            }
        }
    }

    public TimeSpan ToDuration(long timestamps) =>
        TimeSpan.FromTicks((long)(timestamps * ((double)TimeSpan.TicksPerSecond / Time.TimestampFrequency)));

    public long ToTimestamps(double milliseconds) => (long)Math.Round(milliseconds * Time.TimestampFrequency / 1000);

    internal void Schedule(PacedWait wait, int generation, long due)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _queue.Enqueue((wait, generation), due);
                if (due < _plannedWake)
                {
                    Plan(Time.GetTimestamp());
                }

                return;
            }
        }

        wait.TryRelease(generation, Time.GetTimestamp());
    }

    internal void Remove(PacedWait wait, int generation)
    {
        lock (_gate)
        {
            if (_queue.Remove((wait, generation), out _, out _) && _queue.Count == 0 && _timer is not null)
            {
                _plannedWake = long.MaxValue;
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Under the gate: when to wake next, and make sure the loop (thread or timer) wakes then.</summary>
    private void Plan(long now)
    {
        if (!_queue.TryPeek(out _, out var due))
        {
            _plannedWake = long.MaxValue;
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // At most one wake per tick: lines that fall due meanwhile go together at the next one.
        var wake = _lastWake == long.MinValue ? due : Math.Max(due, _lastWake + _tick);
        _plannedWake = wake;
        if (_timer is not null)
        {
            // Never a zero due time: the manual clock would fire it inside Change, under this gate.
            var dueIn = ToDuration(wake - now);
            _timer.Change(dueIn > TimeSpan.Zero ? dueIn : TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
        }
        else if (_thread is null)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "fake-ollama pacing" };
            _thread.Start();
        }
        else
        {
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Under the gate: takes every wait due by <paramref name="now"/> out of the queue.</summary>
    private void TakeDue(long now, List<(PacedWait Wait, int Generation)> batch)
    {
        while (_queue.TryPeek(out var entry, out var due) && due <= now)
        {
            _queue.Dequeue();
            batch.Add(entry);
        }

        _lastWake = now;
        _plannedWake = long.MinValue;
        _wakes++;
    }

    /// <summary>Outside the gate: each stream's continuation runs here, inline, and comes back with its next wait.</summary>
    private static void Release(List<(PacedWait Wait, int Generation)> batch, long now)
    {
        foreach (var (wait, generation) in batch)
        {
            wait.TryRelease(generation, now);
        }

        batch.Clear();
    }

    private void Run()
    {
        t_onLoopThread = true;
        var batch = new List<(PacedWait Wait, int Generation)>();
        while (true)
        {
            long now;
            lock (_gate)
            {
                while (true)
                {
                    if (_disposed)
                    {
                        return;
                    }

                    now = Time.GetTimestamp();
                    if (_plannedWake <= now)
                    {
                        break;
                    }

                    // Monitor.Wait counts whole milliseconds: round up, so the loop never wakes before the line is due.
                    var wait = _plannedWake == long.MaxValue
                        ? Timeout.Infinite
                        : (int)Math.Ceiling(ToDuration(_plannedWake - now).TotalMilliseconds);
                    Monitor.Wait(_gate, wait);
                }

                TakeDue(now, batch);
            }

            Release(batch, now);
            lock (_gate)
            {
                Plan(Time.GetTimestamp());
            }
        }
    }

    private void OnTimer()
    {
        long now;
        lock (_gate)
        {
            now = Time.GetTimestamp();
            if (_disposed || _plannedWake > now)
            {
                return;
            }

            TakeDue(now, _timerBatch);
        }

        t_onLoopThread = true;
        try
        {
            Release(_timerBatch, now);
        }
        finally
        {
            t_onLoopThread = false;
        }

        lock (_gate)
        {
            Plan(Time.GetTimestamp());
        }
    }

    /// <summary>Stops the loop; streams still waiting are released at once (their requests are being aborted anyway).</summary>
    public void Dispose()
    {
        var batch = new List<(PacedWait Wait, int Generation)>();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            while (_queue.TryDequeue(out var entry, out _))
            {
                batch.Add(entry);
            }

            Monitor.PulseAll(_gate);
        }

        _timer?.Dispose();
        Release(batch, Time.GetTimestamp());
    }
}
