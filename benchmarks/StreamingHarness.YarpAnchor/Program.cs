using StreamingHarness.Hosting.Lifetime;
using StreamingHarness.Hosting.Sockets;
using Yarp.ReverseProxy.Configuration;

// YARP 2.3.0 forwarding every path to --upstream, as `bench` measures it in two modes (--mode):
//   tuned     as our apps run: socket completions inline, Kestrel's inline scheduling, and the thread pool's spin
//             limit 0 (the runtimeconfig every app here gets from Directory.Build.targets);
//   defaults  YARP as its template runs it: bench sets DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0 and
//             DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=70 (the runtime's default, over the runtimeconfig's 0).
var builder = WebApplication.CreateSlimBuilder(args);
var upstream = builder.Configuration["upstream"]
    ?? throw new InvalidOperationException("--upstream <http://host:port> is required.");
var tuned = (builder.Configuration["mode"] ?? "tuned") switch
{
    "tuned" => true,
    "defaults" => false,
    var other => throw new InvalidOperationException($"--mode must be tuned or defaults, found '{other}'."),
};
if (tuned)
{
    InlineSocketCompletions.PreferUnlessConfigured();
    builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
}

builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "upstream", Match = new RouteMatch { Path = "{**path}" } }],
    [
        new ClusterConfig
        {
            ClusterId = "upstream",
            Destinations = new Dictionary<string, DestinationConfig> { ["upstream"] = new() { Address = upstream } },
        },
    ]);
var app = builder.Build();
app.MapReverseProxy();
ParentWatch.StopWhenParentExits(app.Lifetime.StopApplication);
await app.RunAsync();
