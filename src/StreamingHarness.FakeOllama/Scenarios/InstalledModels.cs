using System.Collections.Concurrent;

namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>
/// What <c>/api/pull</c>, <c>/api/create</c>, <c>/api/copy</c> and <c>/api/delete</c> changed: models added to or
/// removed from the catalogue's. Shared by every catalogue the server builds, so admin changes keep them.
/// </summary>
internal sealed class InstalledModels
{
    private readonly ConcurrentDictionary<string, Selection> _added = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _removed = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<Selection> Added => _added.Values.OrderBy(s => s.Model.FullName, StringComparer.Ordinal);

    public bool IsRemoved(string fullName) => _removed.ContainsKey(fullName);

    public Selection? Find(string fullName) => _added.GetValueOrDefault(fullName);

    public void Add(Selection selection)
    {
        _removed.TryRemove(selection.Model.FullName, out _);
        _added[selection.Model.FullName] = selection;
    }

    public void Remove(string fullName)
    {
        _added.TryRemove(fullName, out _);
        _removed[fullName] = true;
    }
}
