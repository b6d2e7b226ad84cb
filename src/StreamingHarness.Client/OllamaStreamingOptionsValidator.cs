using Microsoft.Extensions.Options;

namespace StreamingHarness.Client;

/// <summary>Ranges and required values, generated from the options' attributes.</summary>
[OptionsValidator]
internal sealed partial class OllamaStreamingOptionsValidator : IValidateOptions<OllamaStreamingOptions>;
