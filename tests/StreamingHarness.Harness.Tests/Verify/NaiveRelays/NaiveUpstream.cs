using System.Buffers;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Text.Unicode;
using StreamingHarness.Protocol.Ndjson;

namespace StreamingHarness.Harness.Tests.Verify.NaiveRelays;

/// <summary>
/// What both naive relays share: POST the body to the upstream's <c>/api/chat</c>, frame its ndjson into lines and
/// say how it ended, with the <see cref="NaiveDefects"/> switched on wherever they act. Without defects it is
/// robust: whole lines (<see cref="NdjsonReader"/>), a first-line and an idle deadline, in-band errors and a missing
/// <c>done:true</c> reported, the upstream cancelled when the client leaves.
/// </summary>
internal sealed class NaiveUpstream(HttpClient client, Uri upstream, NaiveRelayOptions options)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private NaiveDefects Defects => options.Defects;

    private NaiveRelayOptions Options => options;

    /// <summary>Streams the upstream's lines to <paramref name="onLine"/> and says how the stream ended. Throws nothing.</summary>
    public async Task<UpstreamEnd> StreamAsync(
        byte[] body, Func<UpstreamLine, CancellationToken, ValueTask> onLine, CancellationToken clientGone)
    {
        var delivery = new NaiveDelivery(Defects, options.ChunkDelay, onLine);
        var end = await StreamLinesAsync(body, delivery.OnLineAsync, clientGone);
        return await delivery.FinishAsync(end, clientGone);
    }

    private async Task<UpstreamEnd> StreamLinesAsync(
        byte[] body, Func<UpstreamLine, CancellationToken, ValueTask> onLine, CancellationToken clientGone)
    {
        using var deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, options.TimeProvider);
        var cancelsUpstream = !Defects.HasFlag(NaiveDefects.NoUpstreamCancel);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(
            deadline.Token, cancelsUpstream ? clientGone : CancellationToken.None);
        var reading = new Reading(this, onLine, deadline, linked.Token, cancelsUpstream ? clientGone : CancellationToken.None, clientGone);
        Arm(deadline, options.FirstLineTimeout);
        try
        {
            using var request = new HttpRequestMessage(
                HttpMethod.Post, new Uri(upstream, "/api/chat")) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = Json;
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                return UpstreamEnd.Failed(await response.Content.ReadAsStringAsync(linked.Token), (int)response.StatusCode);
            }

            await using var content = await response.Content.ReadAsStreamAsync(linked.Token);
            return Defects.HasFlag(NaiveDefects.SplitEachRead) ? await reading.SplitEachReadAsync(content)
                : await reading.ReadLinesAsync(content);
        }
        catch (Exception ex) when (cancelsUpstream && clientGone.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            return UpstreamEnd.ClientGone;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return UpstreamEnd.Failed("no data from the upstream within the deadline");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return UpstreamEnd.Failed("the upstream connection broke: " + ex.Message);
        }
        catch (NdjsonFormatException ex)
        {
            return UpstreamEnd.Failed("the upstream sent a bad line: " + ex.Message);
        }
    }

    private void Arm(CancellationTokenSource deadline, TimeSpan after)
    {
        if (!Defects.HasFlag(NaiveDefects.NoIdleTimeout))
        {
            deadline.CancelAfter(after);
        }
    }

    /// <summary>One upstream stream being read.</summary>
    private sealed class Reading(
        NaiveUpstream owner,
        Func<UpstreamLine, CancellationToken, ValueTask> onLine,
        CancellationTokenSource deadline,
        CancellationToken token,
        CancellationToken writeToken,
        CancellationToken clientGone)
    {
        private readonly OllamaChunkScanner _scanner = new(OllamaEndpoint.Chat);
        private long _lines;

        public async Task<UpstreamEnd> ReadLinesAsync(Stream content)
        {
            var pipe = PipeReader.Create(content);
            try
            {
                var reader = new NdjsonReader(pipe, owner.Options.MaxLineBytes);
                while (await reader.ReadLineAsync(token))
                {
                    if (await OnLineAsync(reader.Current.ToArray(), tolerateBadLines: false) is { } end)
                    {
                        return end;
                    }
                }

                return AtEndOfBody();
            }
            finally
            {
                await pipe.CompleteAsync();
            }
        }

        /// <summary>The defect: every read is split on <c>\n</c> by itself, as if a read always held whole lines.</summary>
        public async Task<UpstreamEnd> SplitEachReadAsync(Stream content)
        {
            var buffer = new byte[4096];
            int read;
            while ((read = await content.ReadAsync(buffer, token)) > 0)
            {
                foreach (var piece in Pieces(buffer.AsSpan(0, read)))
                {
                    if (await OnLineAsync(piece, tolerateBadLines: true) is { } end)
                    {
                        return end;
                    }
                }
            }

            return AtEndOfBody();
        }

        private static List<ReadOnlyMemory<byte>> Pieces(ReadOnlySpan<byte> read)
        {
            var bytes = read.ToArray();
            var pieces = new List<ReadOnlyMemory<byte>>();
            foreach (var range in read.Split((byte)'\n'))
            {
                pieces.Add(bytes.AsMemory(range));
            }

            return pieces;
        }

        private UpstreamEnd AtEndOfBody() => owner.Defects.HasFlag(NaiveDefects.CompleteWithoutDone)
            ? UpstreamEnd.Complete(upstreamDone: false)
            : UpstreamEnd.Failed("the upstream body ended without done:true");

        private async ValueTask<UpstreamEnd?> OnLineAsync(ReadOnlyMemory<byte> raw, bool tolerateBadLines)
        {
            owner.Arm(deadline, owner.Options.IdleTimeout);
            _lines++;
            if (raw.Span.Trim(" \t\r"u8).IsEmpty)
            {
                return null;
            }

            var (kind, text) = Parse(raw, tolerateBadLines);
            if (kind == OllamaChunkKind.Error)
            {
                return owner.Defects.HasFlag(NaiveDefects.IgnoreInBandErrors) ? UpstreamEnd.Complete(upstreamDone: false)
                    : UpstreamEnd.Failed(text!);
            }

            if (kind == OllamaChunkKind.Partial && text is null && !tolerateBadLines)
            {
                return UpstreamEnd.Failed($"the upstream's line {_lines} holds text that is not UTF-8");
            }

            try
            {
                await onLine(new UpstreamLine(raw, text, kind == OllamaChunkKind.Done), writeToken);
            }
            catch (Exception) when (writeToken == CancellationToken.None && clientGone.IsCancellationRequested)
            {
                // The defect NoUpstreamCancel: the write failed because the client left; the relay reads on regardless.
            }

            return kind == OllamaChunkKind.Done ? UpstreamEnd.Complete(upstreamDone: true) : null;
        }

        /// <summary>The line's kind and its text (the error's message for an error line); null text for a line it cannot read.</summary>
        private (OllamaChunkKind Kind, string? Text) Parse(ReadOnlyMemory<byte> raw, bool tolerateBadLines)
        {
            try
            {
                var chunk = _scanner.Scan(raw.Span, _lines);
                return chunk.Kind == OllamaChunkKind.Error ? (chunk.Kind, OllamaChunk.Decode(chunk.ErrorRaw))
                    : Utf8.IsValid(chunk.ContentRaw) ? (chunk.Kind, OllamaChunk.Decode(chunk.ContentRaw))
                    : (chunk.Kind, null);
            }
            catch (NdjsonFormatException) when (tolerateBadLines)
            {
                return (OllamaChunkKind.Partial, null);
            }
        }
    }
}
