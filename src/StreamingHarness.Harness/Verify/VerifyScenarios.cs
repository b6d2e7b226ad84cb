namespace StreamingHarness.Harness.Verify;

/// <summary>
/// The scenarios <c>verify</c> adds to the fake (<c>POST /__fake/scenarios</c>) because no built-in one fits:
/// a healthy answer with multi-byte text, a stall that never resumes (the built-in <c>stall</c> resumes after 5 s, so a
/// service that waits would pass it), a long steady stream the client can leave (it would not end by itself
/// within the 1 s the fake gives the service to cancel it, and it never goes silent, so an idle timeout cannot
/// end it either), a steady stream whose tokens stay <see cref="IncrementalGap"/> apart at any time scale (the fake's
/// scale is undone in its pace), and a large answer sent as fast as the fake can (<see cref="SlowReaderTokens"/>).
/// </summary>
internal static class VerifyScenarios
{
    public const string Healthy = "verify-healthy";
    public const string Stall = "verify-stall";
    public const string Long = "verify-long";
    public const string Incremental = "verify-incremental";
    public const string SlowReader = "verify-slow-reader";

    /// <summary>
    /// The pace of <c>incremental</c>, whatever the time scale: well above a 50–100 ms coalescing window (so an honest
    /// service delivers each token on its own) and above the 250 ms default bound (so holding each chunk fails).
    /// </summary>
    public static readonly TimeSpan IncrementalGap = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Tokens of <c>slow-reader</c>'s answer: about 110 bytes each on /api/chat, so about 55 MB, more than the kernel
    /// lets the fake and the service hold while the client does not read (see <see cref="SlowReaderCase"/>).
    /// </summary>
    public const int SlowReaderTokens = 500_000;

    public static IReadOnlyList<string> Definitions(double timeScale) =>
    [
        $$"""
        {"name":"{{Healthy}}","description":"verify: a healthy answer with multi-byte characters.",
         "response":"The quick brown fox jumps over the lazy dog: naïve café ☕, 日本語, and the stream keeps going.",
         "inter_token_ms":50,"seed":42}
        """,
        $$"""
        {"name":"{{Stall}}","description":"verify: after 3 tokens, silence on an open socket until the client leaves.",
         "response":"The quick brown fox jumps over the lazy dog while the stream keeps going.",
         "inter_token_ms":50,"seed":42,"faults":[{"kind":"stall","after_tokens":3,"then":"hang"}]}
        """,
        $$"""
        {"name":"{{Long}}","description":"verify: 100,000 tokens, one every 20 ms, for the client to leave.",
         "tokens":100000,"inter_token_ms":20,"seed":42}
        """,
        $$"""
        {"name":"{{Incremental}}","description":"verify: 10 tokens 300 ms apart at any time scale.",
         "response":"One two three four five six seven eight nine ten.",
         "inter_token_ms":{{(IncrementalGap.TotalMilliseconds / timeScale).ToString(System.Globalization.CultureInfo.InvariantCulture)}},
         "seed":42}
        """,
        $$"""
        {"name":"{{SlowReader}}","description":"verify: a large answer sent as fast as the fake can.",
         "tokens":{{SlowReaderTokens}},"inter_token_ms":0,"seed":42}
        """,
    ];
}
