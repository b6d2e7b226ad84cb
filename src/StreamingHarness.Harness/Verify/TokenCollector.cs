using System.Collections.ObjectModel;
using System.Text;

namespace StreamingHarness.Harness.Verify;

/// <summary>
/// The text a client saw, token by token (a probe adds each to <see cref="Measurement.RequestTimeline.Texts"/>), and
/// for <c>client-disconnect</c> the client's leaving after a number of tokens: it cancels the request and notes when.
/// </summary>
internal sealed class TokenCollector(int? leaveAfter = null, CancellationTokenSource? leave = null) : Collection<string>
{
    private readonly StringBuilder _text = new();

    public string Text => _text.ToString();

    /// <summary>When the client left (wall clock, to compare with the fake's journal), or null.</summary>
    public DateTimeOffset? LeftAt { get; private set; }

    protected override void InsertItem(int index, string item)
    {
        base.InsertItem(index, item);
        _text.Append(item);
        if (Count == leaveAfter && leave is not null)
        {
            LeftAt = DateTimeOffset.UtcNow;
            leave.Cancel();
        }
    }
}
