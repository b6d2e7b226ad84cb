using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Shouldly;
using StreamingHarness.Testing.Network;
using StreamingHarness.Testing.RawHttp;

namespace StreamingHarness.FakeOllama.Tests.RawHttp;

public sealed class RawHttpConnectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadToEnd_ChunkedBody_ReturnsEachChunkAndTheCleanEnd()
    {
        await using var app = await KestrelStub.StartAsync(async context =>
        {
            await context.Response.WriteAsync("a\n", Ct);
            await context.Response.Body.FlushAsync(Ct);
            await context.Response.WriteAsync("bc\n", Ct);
        });

        var response = await RawHttpClient.SendAsync(app.BaseAddress, RawHttpRequest.Get("/"));

        response.StatusCode.ShouldBe(200);
        response.Header("transfer-encoding").ShouldBe("chunked");
        response.Chunks.Select(c => c.Text).ShouldBe(["a\n", "bc\n"]);
        response.Chunks.ShouldAllBe(c => c.Complete);
        response.Lines.ShouldBe(["a", "bc"]);
        response.End.ShouldBe(BodyEnd.ChunkedTerminator);
        Encoding.ASCII.GetString(response.Raw).ShouldEndWith("\r\n\r\n2\r\na\n\r\n3\r\nbc\n\r\n0\r\n\r\n");
    }

    [Fact]
    public async Task ReadToEnd_ContentLength_ReadsExactlyThatMany()
    {
        await using var app = await KestrelStub.StartAsync(context =>
        {
            context.Response.ContentLength = 5;
            return context.Response.WriteAsync("hello", Ct);
        });

        var response = await RawHttpClient.SendAsync(app.BaseAddress, RawHttpRequest.Get("/"));

        response.BodyText.ShouldBe("hello");
        response.End.ShouldBe(BodyEnd.ContentLengthComplete);
    }

    [Fact]
    public async Task ReadToEnd_HeadRequest_HasNoBody()
    {
        await using var app = await KestrelStub.StartAsync(context =>
        {
            context.Response.ContentLength = 5;
            return Task.CompletedTask;
        });

        var response = await RawHttpClient.SendAsync(app.BaseAddress, RawHttpRequest.Head("/"));

        response.Header("Content-Length").ShouldBe("5");
        response.End.ShouldBe(BodyEnd.NoBody);
        response.Body.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadToEnd_AbortAfterAChunk_ReportsResetAfterTheDeliveredBytes()
    {
        await using var app = await KestrelStub.StartAsync(async context =>
        {
            await context.Response.WriteAsync("one\n", Ct);
            await context.Response.Body.FlushAsync(Ct);
            context.Abort();
        }, maxWriteBufferSize: 1);

        var response = await RawHttpClient.SendAsync(app.BaseAddress, RawHttpRequest.Get("/"));

        response.StatusCode.ShouldBe(200);
        response.BodyText.ShouldBe("one\n");
        response.End.ShouldBe(BodyEnd.ConnectionReset);
    }

    [Fact]
    public async Task ReadToEnd_FinAfterAChunk_ReportsEofWithoutTerminator()
    {
        await using var app = await KestrelStub.StartAsync(async context =>
        {
            await context.Response.WriteAsync("one\n", Ct);
            await context.Response.Body.FlushAsync(Ct);
            context.Features.Get<IConnectionSocketFeature>()!.Socket.Shutdown(SocketShutdown.Send);
            context.Abort();
        }, maxWriteBufferSize: 1);

        var response = await RawHttpClient.SendAsync(app.BaseAddress, RawHttpRequest.Get("/"));

        response.BodyText.ShouldBe("one\n");
        response.End.ShouldBe(BodyEnd.EofWithoutTerminator);
        Encoding.ASCII.GetString(response.Raw).ShouldNotContain("0\r\n\r\n");
    }

    [Theory]
    [InlineData(false, BodyEnd.ConnectionReset)]
    [InlineData(true, BodyEnd.EofWithoutTerminator)]
    public async Task ReadToEnd_ClosedBeforeAnyResponse_HasNoHead(bool finFirst, BodyEnd expected)
    {
        await using var app = await KestrelStub.StartAsync(context =>
        {
            if (finFirst)
            {
                context.Features.Get<IConnectionSocketFeature>()!.Socket.Shutdown(SocketShutdown.Send);
            }

            context.Abort();
            return Task.CompletedTask;
        });

        var response = await RawHttpClient.SendAsync(app.BaseAddress, RawHttpRequest.Get("/"));

        response.Head.ShouldBeNull();
        response.Raw.ShouldBeEmpty();
        response.End.ShouldBe(expected);
    }

    [Fact]
    public async Task ReadBodyPiece_ChunksSentApart_ArriveInSeparateReadsInOrder()
    {
        var firstSeen = new TaskCompletionSource();
        await using var app = await KestrelStub.StartAsync(async context =>
        {
            await context.Response.WriteAsync("first\n", Ct);
            await context.Response.Body.FlushAsync(Ct);
            await firstSeen.Task.WaitAsync(Ct);
            await context.Response.WriteAsync("second\n", Ct);
        });
        await using var connection = await RawHttpConnection.ConnectAsync(app.BaseAddress, Ct);
        await connection.SendAsync(RawHttpRequest.Get("/"), Ct);
        (await connection.ReadHeadAsync(Ct)).ShouldNotBeNull();

        var first = await connection.ReadBodyPieceAsync(Ct);
        firstSeen.SetResult();
        var response = await connection.ReadToEndAsync(Ct);

        first!.Text.ShouldBe("first\n");
        response.Chunks.Select(c => c.Text).ShouldBe(["first\n", "second\n"]);
        response.Chunks[1].FirstByteAt.ShouldBeGreaterThan(response.Chunks[0].CompletedAt);
        response.Reads.Count.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task ReadToEnd_ChunkSplitAcrossWrites_ReassemblesItAndTimesItsBothEnds()
    {
        var firstHalfSeen = new TaskCompletionSource();
        await using var server = new ScriptedSocketServer(async socket =>
        {
            await socket.SendAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhe"u8.ToArray(), SocketFlags.None);
            await firstHalfSeen.Task;
            await socket.SendAsync("llo\r\n0\r\n\r\n"u8.ToArray(), SocketFlags.None);
        });
        await using var connection = await RawHttpConnection.ConnectAsync(server.BaseAddress, Ct);
        await connection.SendAsync(RawHttpRequest.Get("/"), Ct);
        await connection.ReadHeadAsync(Ct);
        firstHalfSeen.SetResult();
        var response = await connection.ReadToEndAsync(Ct);

        response.Chunks.Single().Text.ShouldBe("hello");
        response.Chunks[0].CompletedAt.ShouldBeGreaterThan(response.Chunks[0].FirstByteAt);
        response.End.ShouldBe(BodyEnd.ChunkedTerminator);
    }

    [Fact]
    public async Task ReadToEnd_CutInsideAChunk_KeepsThePartialDataAsIncomplete()
    {
        await using var server = new ScriptedSocketServer(async socket =>
        {
            await socket.SendAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nab"u8.ToArray(), SocketFlags.None);
            socket.Shutdown(SocketShutdown.Send);
        });

        var response = await RawHttpClient.SendAsync(server.BaseAddress, RawHttpRequest.Get("/"));

        var chunk = response.Chunks.Single();
        chunk.Text.ShouldBe("ab");
        chunk.Complete.ShouldBeFalse();
        response.End.ShouldBe(BodyEnd.EofWithoutTerminator);
    }
}
