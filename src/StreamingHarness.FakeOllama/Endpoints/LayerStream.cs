using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Endpoints;

/// <summary>
/// The response stream of Ollama's translation layers (<c>/v1/chat/completions</c>, <c>/v1/completions</c>,
/// <c>/v1/responses</c>, <c>/v1/messages</c>): SSE as <c>text/event-stream</c> when streaming, else one
/// <c>application/json</c> body (their writers set that type, without the charset gin adds).
/// </summary>
internal static class LayerStream
{
    public static ResponseStream Open(
        FakeState state, FakeRequest request, Selection selection, GenerationInput input, bool streaming) => new(
        request,
        selection.Scenario,
        streaming ? StreamFraming.Sse : StreamFraming.Json,
        streaming ? "text/event-stream" : "application/json",
        state.TimeScaleFor(selection.Scenario),
        GenerationRunner.SeedOf(input, selection.Scenario));
}
