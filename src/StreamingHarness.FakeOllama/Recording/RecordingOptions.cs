using System.ComponentModel.DataAnnotations;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// Record mode (<c>--record &lt;upstream&gt;</c>): the fake proxies every request to <see cref="Upstream"/>, streams the
/// answer to the client unchanged as it arrives, and saves each chat or generate exchange as a scenario file.
/// </summary>
public sealed class RecordingOptions : IValidatableObject
{
    /// <summary>The header that names one recording's file (wins over <see cref="FileName"/>).</summary>
    public const string NameHeader = "X-Fake-Record-Name";

    /// <summary>The Ollama (or any server speaking its API) to record, e.g. <c>http://127.0.0.1:11434</c>. Required.</summary>
    [Required]
    public required Uri Upstream { get; init; }

    /// <summary>Where the scenario files go; created if missing. Default <c>scenarios/recorded</c> under the current folder.</summary>
    [Required(ErrorMessage = "The recordings folder must not be empty.")]
    public string Directory { get; init; } = Path.Combine("scenarios", RecordingYamlReader.RecordedFolder);

    /// <summary>
    /// The file name (without <c>.yaml</c>) of the recordings; a second one gets <c>-2</c>, and so on, so nothing is
    /// overwritten. Null: <c>&lt;model&gt;-&lt;endpoint&gt;-&lt;UTC time&gt;</c>.
    /// </summary>
    public string? FileName { get; init; }

    /// <summary>Replace prompts and outputs with same-length filler (bytes, timing and JSON validity kept).</summary>
    public bool Redact { get; init; }

    /// <summary>Gets one line per saved recording (the standalone program: standard output). Null: silent.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>The rules no attribute states; run by the generated options validator after the attributes'.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Upstream is { } upstream && (!upstream.IsAbsoluteUri || upstream.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult(
                $"The upstream to record must be an absolute http:// or https:// URL, not '{upstream}'.", [nameof(Upstream)]);
        }

        if (FileName is not null && RecordingStore.SafeName(FileName) != FileName)
        {
            yield return new ValidationResult(
                "The recording file name may only use letters, digits, '.', '_' and '-' (and not start with '.' or '-'), "
                + $"not '{FileName}'.",
                [nameof(FileName)]);
        }
    }
}
