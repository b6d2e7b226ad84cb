using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using CsCheck;
using Shouldly;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Protocol.Tests.Ndjson;

public sealed class NdjsonReaderPropertyTests
{
    private static readonly Gen<string> Line = Gen.OneOf(
        Gen.Const("{\"a\":1}"), Gen.Const("{\"message\":{\"content\":\"h\u00e9llo \ud83d\ude00\"},\"done\":false}"), Gen.Const("{}"),
        Gen.String[Gen.Char['\u0020', '\u007e'], 0, 40].Select(
        s => $"{{\"s\":\"{s.Replace("\\", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal)}\"}}"));

    [Fact]
    public async Task ReadLine_AnySplitOfTheBytes_GivesTheSameLines()
    {
        await Gen.Select(Line.Array[0, 8], Gen.Int[1, 64].Array[1, 40]).SampleAsync(async (lines, cuts) =>
        {
            var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));

            (await ReadAllAsync(Split(bytes, cuts))).ShouldBe(lines);
        });
    }

    private static List<byte[]> Split(byte[] bytes, int[] sizes)
    {
        var pieces = new List<byte[]>();
        for (int at = 0, i = 0; at < bytes.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], bytes.Length - at);
            pieces.Add(bytes[at..(at + size)]);
            at += size;
        }

        return pieces;
    }

    /// <summary>Each piece is its own flushed write, so the reader sees exactly these splits.</summary>
    private static async Task<List<string>> ReadAllAsync(List<byte[]> pieces)
    {
        var pipe = new Pipe();
        var reader = new NdjsonReader(pipe.Reader);
        var writing = Task.Run(async () =>
        {
            foreach (var piece in pieces)
            {
                await pipe.Writer.WriteAsync(piece);
            }

            await pipe.Writer.CompleteAsync();
        });
        var lines = new List<string>();
        while (await reader.ReadLineAsync())
        {
            lines.Add(Encoding.UTF8.GetString(reader.Current.ToArray()));
        }

        await writing;
        return lines;
    }
}
