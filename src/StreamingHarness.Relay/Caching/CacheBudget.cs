namespace StreamingHarness.Relay.Caching;

/// <summary>
/// Keeps one relay's cache within <see cref="CacheOptions.MaxEntries"/> and <see cref="CacheOptions.MaxBytes"/> at
/// once, least recently used out first. Hand-written because HybridCache's memory level bounds one size unit only
/// (a count or bytes, through <c>MemoryCacheOptions.SizeLimit</c>) and not its distributed level at all.
/// </summary>
internal sealed class CacheBudget(int maxEntries, long maxBytes)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, long Size)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, long Size)> _order = new();
    private long _bytes;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Marks <paramref name="key"/> as just stored or served; returns the keys that must go to make room.</summary>
    public List<string> Use(string key, long size)
    {
        var evicted = new List<string>();
        lock (_lock)
        {
            RemoveLocked(key);
            _entries[key] = _order.AddFirst((key, size));
            _bytes += size;
            while (_entries.Count > 1 && (_entries.Count > maxEntries || _bytes > maxBytes))
            {
                var oldest = _order.Last!.Value.Key;
                RemoveLocked(oldest);
                evicted.Add(oldest);
            }
        }

        return evicted;
    }

    /// <summary>The entry is gone (expired, or evicted by another relay): stop counting it.</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            RemoveLocked(key);
        }
    }

    private void RemoveLocked(string key)
    {
        if (_entries.Remove(key, out var node))
        {
            _order.Remove(node);
            _bytes -= node.Value.Size;
        }
    }
}
