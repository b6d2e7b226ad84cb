namespace StreamingHarness.FakeOllama.Endpoints.Responses;

/// <summary>
/// The ids of one Responses answer, drawn as Ollama draws them (<c>rand.Intn(999999)</c>, so they may collide) but
/// from the request's seeded generator, so the same seed gives the same ids: <c>resp_N</c>, <c>msg_N</c>, and per
/// item <c>rs_N</c> and <c>fc_N_0</c> (streamed; the body names them after the response).
/// </summary>
internal sealed class ResponsesIds
{
    private readonly Random _random;

    public ResponsesIds(int seed)
    {
        _random = new Random(seed);
        ResponseId = $"resp_{_random.Next(999999)}";
        MessageId = $"msg_{_random.Next(999999)}";
    }

    public string ResponseId { get; }

    public string MessageId { get; }

    public string NextReasoningId() => $"rs_{_random.Next(999999)}";

    /// <summary>Ollama numbers the calls of one chunk; each of its chunks carries one call, so the suffix is 0.</summary>
    public string NextFunctionCallId() => $"fc_{_random.Next(999999)}_0";
}
