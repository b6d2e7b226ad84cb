using System.Buffers;
using System.IO.Pipelines;
using StreamingHarness.Harness.Measurement;
using StreamingHarness.Harness.Probes;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Harness.Profiles;

/// <summary>
/// Reads a custom profile's ndjson stream line by line (<see cref="NdjsonReader"/>), with the same reporting as
/// <see cref="CustomSseProbe"/>. A line split across buffer segments is copied into one buffer kept for the stream,
/// so nothing is allocated per line.
/// </summary>
internal sealed class CustomNdjsonProbe(RequestFactory requests, ProfileReader reader, string description) : IStreamProbe
{
    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true);

    public string Description => description;

    public HttpRequestMessage CreateRequest(string model) => requests.Create(model);

    public async ValueTask<StreamEnd> ReadAsync(Stream body, RequestTimeline timeline, CancellationToken cancellationToken)
    {
        var pipe = PipeReader.Create(body, ReaderOptions);
        byte[]? joined = null;
        try
        {
            var lines = new NdjsonReader(pipe);
            var done = false;
            while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false))
            {
                var line = lines.Current;
                if (NdjsonLines.IsBlank(line))
                {
                    continue;
                }

                if (done)
                {
                    throw new StreamProtocolException($"ndjson line {lines.LineNumber}: a line after the done line");
                }

                var message = reader.Read(null, Contiguous(line, ref joined), timeline.Texts is not null);
                var now = timeline.Now;
                switch (message.Kind)
                {
                    case ProfileMessageKind.Error:
                        return StreamEnd.Failed(message.Detail!);
                    case ProfileMessageKind.Done:
                        CustomSseProbe.OnToken(timeline, timeline.Texts, message, now);
                        timeline.OnTerminal(now, null);
                        done = true;
                        break;
                    default:
                        CustomSseProbe.OnToken(timeline, timeline.Texts, message, now);
                        break;
                }
            }

            return done ? StreamEnd.Done
                : throw new StreamProtocolException($"the body ended after {lines.LineNumber} lines without the done line");
        }
        finally
        {
            if (joined is not null)
            {
                ArrayPool<byte>.Shared.Return(joined);
            }

            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static ReadOnlySpan<byte> Contiguous(ReadOnlySequence<byte> line, ref byte[]? joined)
    {
        if (line.IsSingleSegment)
        {
            return line.FirstSpan;
        }

        if (joined is null || joined.Length < line.Length)
        {
            if (joined is not null)
            {
                ArrayPool<byte>.Shared.Return(joined);
            }

            joined = ArrayPool<byte>.Shared.Rent((int)line.Length);
        }

        line.CopyTo(joined);
        return joined.AsSpan(0, (int)line.Length);
    }
}
