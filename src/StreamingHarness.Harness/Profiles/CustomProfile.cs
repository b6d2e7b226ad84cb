using System.Text;
using StreamingHarness.Harness.Probes;

namespace StreamingHarness.Harness.Profiles;

/// <summary>A profile from a YAML file: the request it describes, read by the probe of its framing.</summary>
internal sealed class CustomProfile(ProfileDefinition definition) : IProtocolProfile
{
    public string Name => definition.Name;

    public ProfileDefinition Definition => definition;

    public IStreamProbe CreateProbe(ProbeRequestOptions options)
    {
        var requests = new RequestFactory(
            options,
            definition.Path,
            model =>
            definition.Body is { } body ? Encoding.UTF8.GetBytes(body.Render(model, options.Prompt, options.MaxTokens, json: true)) : null,
            definition.Method,
            model =>
            [.. definition.Headers.Select(
            h => KeyValuePair.Create(h.Key, h.Value.Render(model, options.Prompt, options.MaxTokens, json: false)))]);
        var description =
            $"{definition.Name} ({(definition.Framing == ProfileFraming.Sse ? "SSE" : "ndjson")} {definition.Method} {definition.Path},"
            + $" {definition.Source})";
        var reader = new ProfileReader(definition);
        return definition.Framing == ProfileFraming.Sse
            ? new CustomSseProbe(requests, reader, description)
            : new CustomNdjsonProbe(requests, reader, description);
    }
}
