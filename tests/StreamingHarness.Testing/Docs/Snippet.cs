namespace StreamingHarness.Testing.Docs;

/// <summary>A fenced block of the documentation marked runnable, where it is, and what it needs.</summary>
/// <param name="Where">File and line of the fence, e.g. <c>docs/client.md:20</c>.</param>
/// <param name="Language">The fence's language: <c>csharp</c>, <c>bash</c>.</param>
/// <param name="Needs">What the marker names after "runnable:", e.g. the packages a C# snippet compiles against.</param>
/// <param name="Code">The lines between the fences.</param>
public sealed record Snippet(string Where, string Language, IReadOnlyList<string> Needs, string Code)
{
    public override string ToString() => Where;
}
