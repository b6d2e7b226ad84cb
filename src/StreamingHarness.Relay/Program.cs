using StreamingHarness.Relay;
using StreamingHarness.Relay.A2a;
using StreamingHarness.Relay.Endpoints;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
    && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
{
    builder.WebHost.UseUrls("http://127.0.0.1:8080");
}

builder.Services.AddRelay(builder.Configuration);

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapStreamApi();
app.MapOllamaApi();
app.MapOperationsApi();
app.MapA2aApi();
app.Run();

/// <summary>The relay's entry point, public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
