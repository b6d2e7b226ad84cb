namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// Honours <c>options.stop</c>: cuts the answer right before the first stop sequence, which is never sent.
/// Keeps only the last few characters seen, so memory stays constant whatever the stream's length. An empty stop
/// sequence matches at once, as Go's <c>strings.Contains(s, "")</c> does in Ollama's runner: the answer is empty.
/// </summary>
internal sealed class StopMatcher(IReadOnlyList<string> stops)
{
    private readonly int _keep = stops.Count == 0 ? 0 : Math.Max(0, stops.Max(s => s.Length) - 1);
    private string _tail = "";

    public bool IsActive => stops.Count > 0;

    /// <summary>
    /// Returns true when <paramref name="token"/> completes a stop sequence; <paramref name="emit"/> is then the part
    /// of the token before it (possibly empty).
    /// </summary>
    public bool Hit(string token, out string emit)
    {
        emit = token;
        if (stops.Count == 0)
        {
            return false;
        }

        var window = _tail + token;
        var first = -1;
        foreach (var stop in stops)
        {
            var at = window.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        if (first >= 0)
        {
            emit = first > _tail.Length ? token[..(first - _tail.Length)] : "";
            return true;
        }

        _tail = window.Length <= _keep ? window : window[(window.Length - _keep)..];
        return false;
    }
}
