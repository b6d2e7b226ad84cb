using System.Text.Json;
using Shouldly;
using StreamingHarness.Protocol.A2a;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.Protocol.Tests.A2a;

/// <summary>The A2A wire types write what <c>@a2a-js/sdk</c> 1.3.0 writes, and the scanner reads both versions in place.</summary>
public sealed class A2aWireTests
{
    /// <summary>Captured from the SDK's express JSON-RPC handler (v1.0, then the same event with A2A-Version: 0.3).</summary>
    private const string V1Chunk =
        """{"jsonrpc":"2.0","id":1,"result":{"artifactUpdate":{"taskId":"t","contextId":"c","artifact":{"artifactId":"answer","parts":["""
        + """{"text":"lo, "}]},"append":true}}}""";
    private const string V03Chunk =
        """{"id":1,"jsonrpc":"2.0","result":{"kind":"artifact-update","taskId":"t","contextId":"c","artifact":"""
        + """{"artifactId":"answer","parts":[{"kind":"text","text":"lo, "}]},"append":true,"lastChunk":false}}""";

    [Fact]
    public void Serialize_ArtifactUpdate_IsTheSdksV1Event()
    {
        var envelope = new A2aStreamEnvelope
        {
            Id = 1,
            Result = new A2aStreamResponse
            {
                ArtifactUpdate = new A2aTaskArtifactUpdateEvent
                {
                    TaskId = "t",
                    ContextId = "c",
                    Artifact = new A2aArtifact { ArtifactId = "answer", Parts = [new A2aPart { Text = "lo, " }] },
                    Append = true,
                },
            },
        };

        var json = JsonSerializer.Serialize(envelope, ProtocolJson.Context.A2aStreamEnvelope);

        json.ShouldBe(V1Chunk);
        A2aEventScanner.Scan(System.Text.Encoding.UTF8.GetBytes(json))
            .ShouldBe(new A2aStreamEvent(A2aEventKind.ArtifactUpdate, A2aTaskState.None, 1, false, null, null));
    }

    [Theory]
    [InlineData(V1Chunk)]
    [InlineData(V03Chunk)]
    public void Scan_ArtifactUpdate_BothVersions_OneTextPart(string json)
    {
        var texts = new List<string>();

        var ev = A2aEventScanner.Scan(System.Text.Encoding.UTF8.GetBytes(json), texts);

        ev.Kind.ShouldBe(A2aEventKind.ArtifactUpdate);
        ev.TextParts.ShouldBe(1);
        ev.EndsStream.ShouldBeFalse();
        texts.ShouldBe(["lo, "]);
    }

    [Theory]
    [InlineData(
        """{"jsonrpc":"2.0","id":1,"result":{"statusUpdate":{"taskId":"t","contextId":"c","status":"""
        + """{"state":"TASK_STATE_FAILED","message":{"messageId":"m","role":"ROLE_AGENT","parts":[{"text":"boom"}]}}}}}""")]
    [InlineData(
        """{"id":1,"jsonrpc":"2.0","result":{"kind":"status-update","taskId":"t","contextId":"c","status":{"state":"failed","message":"""
        + """{"kind":"message","messageId":"m","role":"agent","parts":[{"kind":"text","text":"boom"}]}},"final":true}}""")]
    public void Scan_FailedStatus_BothVersions_StateAndReason(string json)
    {
        var ev = A2aEventScanner.Scan(System.Text.Encoding.UTF8.GetBytes(json));

        ev.Kind.ShouldBe(A2aEventKind.StatusUpdate);
        ev.State.ShouldBe(A2aTaskState.Failed);
        ev.Message.ShouldBe("boom");
        ev.TextParts.ShouldBe(0);
        ev.EndsStream.ShouldBeTrue();
    }

    [Fact]
    public void Scan_ArtifactUpdate_AllocatesNothing()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(V1Chunk);
        A2aEventScanner.Scan(bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            A2aEventScanner.Scan(bytes);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
