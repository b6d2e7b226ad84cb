using Microsoft.Extensions.Time.Testing;

namespace StreamingHarness.Testing.Time;

/// <summary>
/// <see cref="FakeTimeProvider"/> (time moves only on <c>Advance</c>), plus the one thing it does not tell:
/// how many timers are waiting to fire, which is how a test knows the server sits inside a delay.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    /// <summary>Where every test clock starts, so that timestamps in expected output are fixed.</summary>
    public static readonly DateTimeOffset Epoch = new(2025, 10, 26, 17, 21, 21, TimeSpan.Zero);

    private int _pending;

    public TestClock()
        : base(Epoch)
    {
    }

    /// <summary>Timers armed and not yet fired (a periodic timer stays armed), not disposed.</summary>
    public int PendingTimers => Volatile.Read(ref _pending);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var counted = new CountedTimer(this, callback);
        counted.Attach(
            base.CreateTimer(static s => ((CountedTimer)s!).Fire(), counted, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan), state);
        counted.Change(dueTime, period);
        return counted;
    }

    private sealed class CountedTimer(TestClock owner, TimerCallback callback) : ITimer
    {
        private readonly Lock _gate = new();
        private ITimer? _inner;
        private object? _state;
        private bool _armed;
        private bool _periodic;
        private int _version;
        private int _firedVersion;

        public void Attach(ITimer inner, object? state)
        {
            _inner = inner;
            _state = state;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // Counted only once the inner timer is armed: a test that sees the count and advances the clock at once must
            // find the timer there. Counted first, an Advance could slip in before the arming, and the timer then waited
            // for a time that never came (a test hung on it). The version tells whether it fired in between.
            int version;
            lock (_gate)
            {
                version = ++_version;
                _periodic = period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    SetArmed(false);
                }
            }

            var changed = _inner!.Change(dueTime, period);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                lock (_gate)
                {
                    if (_version == version && (_periodic || _firedVersion != version))
                    {
                        SetArmed(true);
                    }
                }
            }

            return changed;
        }

        public void Fire()
        {
            lock (_gate)
            {
                _firedVersion = _version;
                if (!_periodic)
                {
                    SetArmed(false);
                }
            }

            callback(_state);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _version++;
                SetArmed(false);
            }

            _inner!.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void SetArmed(bool armed)
        {
            if (armed != _armed)
            {
                _armed = armed;
                Interlocked.Add(ref owner._pending, armed ? 1 : -1);
            }
        }
    }
}
