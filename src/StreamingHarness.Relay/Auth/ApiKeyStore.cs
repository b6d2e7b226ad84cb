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
    /// <summary>The HMAC key when <see cref="AuthOptions.IdentitySecret"/> is not set.</summary>
    private static readonly byte[] DefaultIdentitySecret = "streaming-harness-relay/key-identity/v1"u8.ToArray();

    private readonly byte[][] _hashes;
    private readonly string[] _identities;

    public ApiKeyStore(IOptions<RelayOptions> options)
    {
        var auth = options.Value.Auth;
        var secret = string.IsNullOrEmpty(auth.IdentitySecret) ? DefaultIdentitySecret : Encoding.UTF8.GetBytes(auth.IdentitySecret);
        _hashes = auth.ApiKeys.Select(key => SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToArray();
        _identities = auth.ApiKeys.Select(key => Identity(secret, key)).ToArray();
    }

    public bool Enabled => _hashes.Length > 0;

    /// <summary>
    /// The matching key's identity, or null: <c>key-</c> and an HMAC-SHA256 of the key itself, so it names the same key
    /// on every relay whatever its position in the configuration, never another key after a rotation or a reordering,
    /// and cannot be turned back into the key. Cache entries and rate-limit partitions are scoped by it.
    /// </summary>
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

        return match < 0 ? null : _identities[match];
    }

    internal static string Identity(byte[] secret, string key) =>
        "key-" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(key)));
}
