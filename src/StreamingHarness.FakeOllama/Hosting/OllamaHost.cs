using System.Globalization;
using System.Net;

namespace StreamingHarness.FakeOllama.Hosting;

/// <summary>
/// Reads <c>OLLAMA_HOST</c> as Ollama's <c>envconfig.Host</c> does: scheme optional (http), host optional
/// (127.0.0.1), port optional (11434, or 80/443 when the scheme is given), so <c>0.0.0.0</c>, <c>:8080</c> and
/// <c>http://127.0.0.1:9000</c> all work.
/// </summary>
internal static class OllamaHost
{
    public const string DefaultUrl = "http://127.0.0.1:11434";

    public static string ToUrl(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return DefaultUrl;
        }

        var scheme = "http";
        var defaultPort = "11434";
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator >= 0)
        {
            scheme = text[..separator];
            text = text[(separator + 3)..];
            defaultPort = scheme == "https" ? "443" : "80";
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            text = text[..slash];
        }

        var (host, port) = SplitHostPort(text);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
        {
            port = defaultPort;
        }

        // An empty host means every interface, as in Go's net.Listen.
        host = host.Length == 0 ? "0.0.0.0" : host;
        var hostPart = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{host}]" : host;
        return $"{scheme}://{hostPart}:{port}";
    }

    private static (string Host, string Port) SplitHostPort(string text)
    {
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close > 0)
            {
                var rest = text[(close + 1)..];
                return (text[1..close], rest.StartsWith(':') ? rest[1..] : "");
            }
        }

        var colon = text.LastIndexOf(':');
        if (colon >= 0 && text.IndexOf(':', StringComparison.Ordinal) == colon)
        {
            return (text[..colon], text[(colon + 1)..]);
        }

        // No port: a bare host or IP (including an unbracketed IPv6 address).
        return (text.Length == 0 ? "127.0.0.1" : text.Trim('[', ']'), "");
    }
}
