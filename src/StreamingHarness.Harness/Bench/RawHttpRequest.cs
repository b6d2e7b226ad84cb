using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// A request as the bench's raw-socket servers read it: head and Content-Length body as text (every bench client sends
/// one), read with blocking <c>recv()</c>s until whole. Enough for a floor, which serves only the bench's own clients.
/// </summary>
internal sealed record RawHttpRequest(string Head, string Body)
{
    private const int Limit = 8192;

    public bool IsGet => Head.StartsWith("GET ", StringComparison.Ordinal);

    public static RawHttpRequest Read(Socket socket)
    {
        var buffer = new byte[Limit];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = socket.Receive(buffer, length, buffer.Length - length, SocketFlags.None);
            if (read == 0)
            {
                break;
            }

            length += read;
            var text = Encoding.UTF8.GetString(buffer, 0, length);
            var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headEnd >= 0 && text.Length - headEnd - 4 >= ContentLength(text[..headEnd]))
            {
                return new RawHttpRequest(text[..headEnd], text[(headEnd + 4)..]);
            }
        }

        return new RawHttpRequest(Encoding.UTF8.GetString(buffer, 0, length), "");
    }

    private static int ContentLength(string head)
    {
        const string Name = "content-length:";
        var at = head.IndexOf(Name, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return 0;
        }

        var end = head.IndexOf('\r', at);
        var value = head.AsSpan(at + Name.Length, (end < 0 ? head.Length : end) - at - Name.Length).Trim();
        return int.Parse(value, CultureInfo.InvariantCulture);
    }
}
