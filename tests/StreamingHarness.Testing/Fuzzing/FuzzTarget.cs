namespace StreamingHarness.Testing.Fuzzing;

/// <summary>An endpoint to fuzz: its method and path, and a valid body that the mutations start from.</summary>
public sealed record FuzzTarget(string Method, string Path, string SeedBody)
{
    public static FuzzTarget Post(string path, string seedBody) => new("POST", path, seedBody);

    public override string ToString() => $"{Method} {Path}";
}
