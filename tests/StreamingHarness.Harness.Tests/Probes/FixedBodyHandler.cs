using System.Net;

namespace StreamingHarness.Harness.Tests.Probes;

/// <summary>Answers every request 200 with the one body given, as a server's stream the test controls.</summary>
internal sealed class FixedBodyHandler(Stream body) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });
}
