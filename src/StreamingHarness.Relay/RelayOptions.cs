using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using StreamingHarness.Relay.A2a;
using StreamingHarness.Relay.Auth;
using StreamingHarness.Relay.Caching;
using StreamingHarness.Relay.Hosting;
using StreamingHarness.Relay.RateLimiting;
using StreamingHarness.Relay.Streaming;
using StreamingHarness.Relay.Telemetry;
using StreamingHarness.Relay.Upstream;
using StreamingHarness.Relay.Validation;

namespace StreamingHarness.Relay;

/// <summary>
/// The relay's one options tree, bound from the <c>Relay</c> configuration section (appsettings.json, or environment
/// variables such as <c>Relay__Upstream__BaseUrl</c>) and validated at start-up: a bad value stops the process with
/// the setting's path, its value and the allowed range.
/// </summary>
public sealed class RelayOptions
{
    public const string SectionName = "Relay";

    /// <summary>The upstream and its retries (<c>Relay:Upstream</c>; the old <c>Relay:Retry</c> keys still bind).</summary>
    [Required, ValidateObjectMembers]
    public UpstreamOptions Upstream { get; set; } = new();

    [Required, ValidateObjectMembers]
    public StreamingOptions Streaming { get; set; } = new();

    [Required, ValidateObjectMembers]
    public RequestLimitOptions Requests { get; set; } = new();

    [Required, ValidateObjectMembers]
    public AuthOptions Auth { get; set; } = new();

    [Required, ValidateObjectMembers]
    public RateLimitOptions RateLimits { get; set; } = new();

    [Required]
    public TelemetryOptions Telemetry { get; set; } = new();

    [Required, ValidateObjectMembers]
    public CacheOptions Cache { get; set; } = new();

    /// <summary>Graceful shutdown on SIGTERM (<c>Relay:Shutdown</c>).</summary>
    [Required, ValidateObjectMembers]
    public ShutdownOptions Shutdown { get; set; } = new();

    /// <summary>The A2A agent (<c>Relay:A2A</c>).</summary>
    [Required, ValidateObjectMembers]
    public A2aOptions A2A { get; set; } = new();
}
