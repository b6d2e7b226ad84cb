using System.Text;
using Microsoft.AspNetCore.Http;
using Shouldly;
using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.FakeOllama.Endpoints.BodyText;
using StreamingHarness.FakeOllama.Journal;
using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>
/// Kestrel runs the fake inline on its socket threads. Under load, large uploads got 408 (MinRequestBodyDataRate):
/// the socket thread that delivered one body went on to repair, parse and count it for seconds, and the uploads it also
/// served stalled. Here the "socket thread" is a thread of the test's own that completes the body's last read: the body
/// must not be parsed on it. (A body read without waiting is parsed where it was read: <see cref="RequestBodyMemoryTests"/>
/// measure allocations on one thread.)
/// </summary>
public sealed class LargeBodySocketThreadTests
{
    [Fact]
    public async Task ReadJson_BodyCompletedOnASocketThread_ParsesItOnAnotherThread()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"model":"m","prompt":"{{new string('a', 1024 * 1024)}}"}""");
        var stream = new SocketLikeStream(body.Length);
        var http = new DefaultHttpContext();
        http.Request.Body = stream;
        http.Request.ContentLength = body.Length;
        var entry = new JournalEntry(1, DateTimeOffset.UnixEpoch, "POST", "/api/generate", 16);
        var request = new FakeRequest(http, entry, TimeProvider.System, bodyLimit: 1024);

        var read = RequestBody.ReadJsonAsync(request, UnreadRequestTypes.Generate);
        var finishedOn = read.ContinueWith(_ => Environment.CurrentManagedThreadId, TaskContinuationOptions.ExecuteSynchronously);
        var socketThread = new Thread(() => stream.Deliver(body));
        socketThread.Start();
        socketThread.Join();

        (await read).Value.ShouldNotBeNull();
        (await finishedOn).ShouldNotBe(socketThread.ManagedThreadId);
    }

    /// <summary>A body whose one read completes on the thread that calls <see cref="Deliver"/>, inline, as a socket's does.</summary>
    private sealed class SocketLikeStream(int length) : Stream
    {
        private readonly TaskCompletionSource _arrived = new();
        private byte[] _data = [];
        private int _position;

        public void Deliver(byte[] data)
        {
            _data = data;
            _arrived.SetResult();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await _arrived.Task.ConfigureAwait(false);
            var count = Math.Min(buffer.Length, _data.Length - _position);
            _data.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
