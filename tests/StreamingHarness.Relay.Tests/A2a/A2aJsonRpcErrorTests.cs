using Shouldly;
using StreamingHarness.Protocol.A2a;
using StreamingHarness.Relay.Tests.Infrastructure;

namespace StreamingHarness.Relay.Tests.A2a;

/// <summary>
/// JSON-RPC errors of <c>POST /a2a</c> with their exact codes (HTTP 200, as JSON-RPC over HTTP answers them), the id
/// echoed as sent, and no upstream request for any of them.
/// </summary>
public sealed class A2aJsonRpcErrorTests
{
    [Theory]
    [InlineData("{", A2aErrorCodes.ParseError, "null")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,", A2aErrorCodes.ParseError, "null")]
    [InlineData("[]", A2aErrorCodes.InvalidRequest, "null")]
    [InlineData("42", A2aErrorCodes.InvalidRequest, "null")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"GetTask\"}", A2aErrorCodes.InvalidRequest, "null")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\\ud800\"}", A2aErrorCodes.InvalidRequest, "null")]
    [InlineData("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"GetTask\",\"params\":{\"id\":\"t\"}}", A2aErrorCodes.InvalidRequest, "1")]
    [InlineData("{\"id\":1,\"method\":\"GetTask\",\"params\":{\"id\":\"t\"}}", A2aErrorCodes.InvalidRequest, "1")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", A2aErrorCodes.InvalidRequest, "1")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/list\"}", A2aErrorCodes.MethodNotFound, "1")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetTask\",\"params\":[\"t\"]}", A2aErrorCodes.InvalidParams, "1")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetTask\",\"params\":{}}", A2aErrorCodes.InvalidParams, "1")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{}}", A2aErrorCodes.InvalidParams, "1")]
    [InlineData(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendStreamingMessage\",\"params\":{\"message\":{\"parts\":[]}}}",
        A2aErrorCodes.InvalidParams,
        "1")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetTask\",\"params\":{\"id\":\"nope\"}}", A2aErrorCodes.TaskNotFound, "1")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/cancel\",\"params\":{\"id\":\"nope\"}}", A2aErrorCodes.TaskNotFound, "1")]
    public async Task Post_BadRequest_AnswersWithTheExactCodeForItsId(string body, int code, string id)
    {
        await using var env = await RelayOverFake.StartAsync();

        var answer = await A2aRpc.AnswerAsync(env.Client, body);

        A2aRpc.ErrorCode(answer, id).ShouldBe(code);
        env.Fake.Journal.Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_ModelMetadataOfTheWrongType_IsInvalidParamsNamingTheField()
    {
        await using var env = await RelayOverFake.StartAsync();
        var body = A2aRpc.Send("SendStreamingMessage", "x", "s-1").Replace("\"model\":\"x\"", "\"model\":5", StringComparison.Ordinal);

        var answer = await A2aRpc.AnswerAsync(env.Client, body);

        A2aRpc.ErrorCode(answer, "\"s-1\"").ShouldBe(A2aErrorCodes.InvalidParams);
        answer.GetProperty("error").GetProperty("message").GetString()
            .ShouldBe("Invalid params: 'metadata.model' must be a string, got Number");
    }

    [Fact]
    public async Task Post_UnknownA2aVersion_IsVersionNotSupported()
    {
        await using var env = await RelayOverFake.StartAsync();

        var answer = await A2aRpc.AnswerAsync(env.Client, A2aRpc.Send("SendStreamingMessage", "x", 1), version: "2.0");

        A2aRpc.ErrorCode(answer).ShouldBe(A2aErrorCodes.VersionNotSupported);
    }

    [Fact]
    public async Task CancelTask_OfACompletedTask_IsTaskNotCancelable()
    {
        await using var env = await RelayOverFake.StartAsync([RelayOverFake.Fixed("fixed", "Done.")]);
        var sent = await A2aRpc.AnswerAsync(env.Client, A2aRpc.Send("SendMessage", "fixed", 1));
        var id = sent.GetProperty("result").GetProperty("task").GetProperty("id").GetString();

        var answer = await A2aRpc.AnswerAsync(env.Client, A2aRpc.Call("CancelTask", $$"""{"id":"{{id}}"}""", 2));

        A2aRpc.ErrorCode(answer, "2").ShouldBe(A2aErrorCodes.TaskNotCancelable);
        answer.GetProperty("error").GetProperty("message").GetString()
            .ShouldBe($"Task not cancelable: task '{id}' is already TASK_STATE_COMPLETED");
    }
}
