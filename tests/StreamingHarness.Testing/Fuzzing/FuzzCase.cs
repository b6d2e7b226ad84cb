namespace StreamingHarness.Testing.Fuzzing;

/// <summary>One generated request: where it goes and the exact bytes of its body (not always valid JSON or UTF-8).</summary>
public sealed record FuzzCase(FuzzTarget Target, byte[] Body)
{
    /// <summary>The body as a C# string literal could hold it, for a failure message that can be pasted into a test.</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public override string ToString() => $"{Target} {BodyText}";
}
