using Microsoft.Extensions.Options;

namespace StreamingHarness.Relay;

/// <summary>Ranges and required values, generated from the options' attributes.</summary>
[OptionsValidator]
internal sealed partial class RelayOptionsValidator : IValidateOptions<RelayOptions>;
