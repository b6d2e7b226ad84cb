namespace StreamingHarness.Harness.Verify;

/// <summary>
/// The three scenarios <c>verify</c> adds to the fake (<c>POST /__fake/scenarios</c>) because no built-in one fits:
/// a healthy answer with multi-byte text, a stall that never resumes (the built-in <c>stall</c> resumes after 5 s, so a
/// service that waits would pass it), and a long steady stream the client can leave (it would not end by itself
/// within the 1 s the fake gives the service to cancel it, and it never goes silent, so an idle timeout cannot
/// end it either).
/// </summary>
internal static class VerifyScenarios
{
    public const string Healthy = "verify-healthy";
    public const string Stall = "verify-stall";
    public const string Long = "verify-long";

    public static IReadOnlyList<string> Definitions { get; } =
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
    ];
}
