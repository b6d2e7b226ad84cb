namespace StreamingHarness.Harness.Load;

/// <summary>
/// Which model each request asks for. One entry means every request; several are drawn by weight, from the
/// request's id and the seed (a pure function, so the same run asks the same models in the same order).
/// </summary>
internal sealed class ModelMix
{
    private readonly MixEntry[] _entries;
    private readonly double[] _cumulative;
    private readonly ulong _seed;

    public ModelMix(IReadOnlyList<MixEntry> entries, long seed = 1)
    {
        if (entries.Count == 0)
        {
            throw new ArgumentException("at least one model is needed.", nameof(entries));
        }

        if (entries.Any(e => e.Weight <= 0 || string.IsNullOrWhiteSpace(e.Model)))
        {
            throw new ArgumentException("every model needs a name and a positive weight.", nameof(entries));
        }

        _entries = [.. entries];
        _cumulative = new double[_entries.Length];
        var total = _entries.Sum(e => e.Weight);
        var sum = 0.0;
        for (var i = 0; i < _entries.Length; i++)
        {
            sum += _entries[i].Weight / total;
            _cumulative[i] = sum;
        }

        _seed = unchecked((ulong)seed);
    }

    public static ModelMix Single(string model) => new([new MixEntry(model, 1, [])]);

    public IReadOnlyList<MixEntry> Entries => _entries;

    public MixEntry Pick(long requestId)
    {
        if (_entries.Length == 1)
        {
            return _entries[0];
        }

        var u = (SplitMix64(_seed ^ unchecked((ulong)requestId)) >> 11) * (1.0 / (1UL << 53));
        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (u < _cumulative[i])
            {
                return _entries[i];
            }
        }

        return _entries[^1];
    }

    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

/// <summary>A model in the mix; <see cref="Expect"/> lists the outcome labels a faults run accepts for it (empty: only ok).</summary>
internal sealed record MixEntry(string Model, double Weight, IReadOnlyList<string> Expect);
