using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Profiles;

/// <summary>A profile served by one of the hand-written probes (see <see cref="BuiltInProfiles"/>).</summary>
internal sealed class BuiltInProfile(string name, string description, Func<ProbeRequestOptions, IStreamProbe> create) : IProtocolProfile
{
    public string Name => name;

    public string Description => description;

    public IStreamProbe CreateProbe(ProbeRequestOptions options) => create(options);
}
