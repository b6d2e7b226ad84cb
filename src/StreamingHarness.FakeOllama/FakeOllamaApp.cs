using Microsoft.AspNetCore.Server.Kestrel.Core;
using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.FakeOllama.Endpoints.Admin;
using StreamingHarness.FakeOllama.Endpoints.Native;
using StreamingHarness.FakeOllama.Endpoints.OpenAi;
using StreamingHarness.FakeOllama.Hosting;
using StreamingHarness.FakeOllama.LiveConsole;
using StreamingHarness.FakeOllama.Recording;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;

namespace StreamingHarness.FakeOllama;

/// <summary>Builds the fake's web application: Kestrel, the journal middleware, gin-like fallbacks and every API.</summary>
internal static class FakeOllamaApp
{
    /// <param name="options">What to serve and how.</param>
    /// <param name="configure">Last changes to the builder before it builds (tests: an in-process server, captured logs).</param>
    public static WebApplication Build(FakeOllamaOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        options.Validate();
        // Reading and checking every scenario file is the largest part of a fresh fake's start (about half a second of
        // JIT and YAML on this 2-core machine: docs/performance.md, "The relay's anchors, cold starts"). It runs beside
        // the web host's set-up and Build, which need none of it. A bad file still stops the start with the same ScenarioLoadException.
        var scenarios = Task.Run(options.LoadScenarios);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeOllamaApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The fake has no settings file: one next to the program is another app's (the tool ships the relay's), and its
        // log levels would override MinimumLogLevel.
        foreach (var file in builder.Configuration.Sources.OfType<FileConfigurationSource>().ToList())
        {
            builder.Configuration.Sources.Remove(file);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);

        // A failed start (port in use) is reported in one plain line by the caller, not as a logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.UseUrls([.. options.Urls]);
        // A flushed line is sent by the flushing thread, not after a hop through Kestrel's IO queue: one hop less per token.
        // "Unsafe" only for blocking application code, which the fake has none of (see InlineSocketCompletions).
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Ollama sends no Server header.
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.ConfigureEndpointDefaults(listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                // Record mode always writes through: the client must get each upstream read as it came, and the lines
                // before a mirrored reset must not be lost.
                if (options.WriteThrough || options.Record is not null)
                {
                    listen.UseSocketWriteThrough();
                }
            });
        });
        // The state is created once the scenarios are read, after Build: nothing resolves it before the app starts.
        FakeState? state = null;
        builder.Services.AddSingleton(_ => state ?? throw new InvalidOperationException("the fake's state is set after Build"));
        if (options.Record is { } record)
        {
            builder.Services.AddSingleton(_ => new RecordingUpstream(record));
        }

        builder.Services.AddRouting();
        configure?.Invoke(builder);

        var app = builder.Build();
        try
        {
            state = new FakeState(options, new ScenarioCatalog(scenarios.GetAwaiter().GetResult()));
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }

        app.Lifetime.ApplicationStopped.Register(state.Pacing.Dispose);
        app.Lifetime.ApplicationStopped.Register(state.Console.Dispose);
        app.UseMiddleware<AbortOnShutdownMiddleware>();
        app.UseGinStatusPages();
        app.UseAdminLoopbackOnly(options.AdminAnyHost);
        app.UseMiddleware<JournalMiddleware>();
        if (options.Record is not null)
        {
            app.UseMiddleware<RecordingProxy>();
        }

        app.MapNativeApi();
        app.MapOpenAiApi();
        app.MapAdminApi();
        app.MapScenarioAdminApi();
        app.MapConsoleApi();
        return app;
    }
}
