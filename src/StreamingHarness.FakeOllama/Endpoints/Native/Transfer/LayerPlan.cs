using System.Security.Cryptography;
using System.Text;
using StreamingHarness.FakeOllama.Scenarios;

namespace StreamingHarness.FakeOllama.Endpoints.Native.Transfer;

/// <summary>The layers a model's manifest lists (the config last, as Ollama appends it), with stable digests.</summary>
internal static class LayerPlan
{
    /// <summary>A GGUF model's usual manifest: the weights, a template, a license, params, then the config blob.</summary>
    public static IReadOnlyList<(string Digest, long Size)> For(string model, long modelBytes, PullSpec? pull)
    {
        IEnumerable<long> sizes = pull is { Layers.Count: > 0 } ? pull.Layers : [modelBytes, 1421, 7711, 96, 561];
        return [.. sizes.Select((size, i) => ("sha256:" + Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes($"{ModelNames.Normalize(model)}#{i}"))), size))];
    }

    /// <summary>Ollama's short form in status lines: 12 hex digits after <c>sha256:</c>.</summary>
    public static string Short(string digest) => digest[7..19];
}
