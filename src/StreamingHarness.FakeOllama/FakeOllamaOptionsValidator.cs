using Microsoft.Extensions.Options;

namespace StreamingHarness.FakeOllama;

/// <summary>
/// Ranges and required values, generated from the options' attributes (and <see cref="Recording.RecordingOptions"/>'
/// own rules).
/// </summary>
[OptionsValidator]
internal sealed partial class FakeOllamaOptionsValidator : IValidateOptions<FakeOllamaOptions>;
