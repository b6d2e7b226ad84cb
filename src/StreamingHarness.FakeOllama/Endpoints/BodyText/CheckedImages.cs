namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>
/// A native request's <c>images</c>, checked as Go decodes them (base64 into <c>[]byte</c>) while the body is read, and
/// not kept: one empty entry per image, and the first image's error. A 27 MiB image is never a 54 MiB UTF-16 string.
/// </summary>
internal sealed class CheckedImages : List<string>
{
    /// <summary><c>illegal base64 data at input byte N</c> for the first image Go would refuse; null when all decode.</summary>
    public string? Error { get; set; }
}
