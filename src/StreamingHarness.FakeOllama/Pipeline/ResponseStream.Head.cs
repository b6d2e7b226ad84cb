using StreamingHarness.FakeOllama.Faults;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Pipeline;

/// <summary>
/// The response head: the faults that act before it (a delay, a reset, a head of their own), then the status and the
/// content type, which travel with the first bytes written.
/// </summary>
internal sealed partial class ResponseStream
{
    private async ValueTask<bool> StartAsync()
    {
        foreach (var fault in _scenario.Faults)
        {
            var action = await fault.BeforeHeadersAsync(_faultContext).ConfigureAwait(false);
            if (action == FaultAction.Stop || Ended)
            {
                Stop(StreamEnding.Fault, $"fault '{fault.Name}' before headers");
                return false;
            }

            if (action == FaultAction.Replaced)
            {
                HeadersSent = true;
                return true;
            }
        }

        SendHeaders();
        return true;
    }

    /// <summary>
    /// Sets the status (200 unless replaying another) and content type (a fault may choose another); they travel with the first bytes
    /// written.
    /// </summary>
    public void SendHeaders(string? contentType = null)
    {
        if (HeadersSent)
        {
            return;
        }

        HeadersSent = true;
        var response = _request.Http.Response;
        response.StatusCode = _status;
        if ((contentType ?? _contentType) is { Length: > 0 } type)
        {
            response.ContentType = type;
        }
    }
}
