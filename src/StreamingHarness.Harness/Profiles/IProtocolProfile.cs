using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Profiles;

/// <summary>
/// A protocol profile: how to send a request to a service and read its stream. Load runs and <c>verify</c> both
/// get their probe from here, so a service is measured and judged through the same reader.
/// </summary>
internal interface IProtocolProfile
{
    /// <summary>The built-in name (<c>relay</c>) or the YAML file's <c>name</c>.</summary>
    string Name { get; }

    /// <summary>One probe per run: it holds the request bodies, cached per model.</summary>
    IStreamProbe CreateProbe(ProbeRequestOptions options);
}
