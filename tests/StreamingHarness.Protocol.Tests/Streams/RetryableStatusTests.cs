using Shouldly;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Protocol.Tests.Streams;

public sealed class RetryableStatusTests
{
    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(501, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(408, false)]
    [InlineData(413, false)]
    [InlineData(200, false)]
    public void IsRetryable_Status_FollowsTheOneRule(int status, bool retryable) =>
        RetryableStatus.IsRetryable(status).ShouldBe(retryable);
}
