using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace StreamingHarness.Relay.Auth;

/// <summary>
/// The configured keys, kept as SHA-256 hashes. A presented key is hashed and compared with every stored hash in
/// constant time (fixed length, no early exit), so neither timing nor length tells anything about the keys.
/// </summary>
internal sealed class ApiKeyStore
{
    private readonly byte[][] _hashes;

    public ApiKeyStore(IOptions<RelayOptions> options) =>
        _hashes = options.Value.Auth.ApiKeys.Select(key => SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToArray();

    public bool Enabled => _hashes.Length > 0;

    /// <summary>The matching key's identity (<c>key-N</c>, its position in the configuration), or null.</summary>
    public string? Match(string presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        var match = -1;
        for (var i = 0; i < _hashes.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, _hashes[i]))
            {
                match = i;
            }
        }

        return match < 0 ? null : $"key-{match}";
    }
}
