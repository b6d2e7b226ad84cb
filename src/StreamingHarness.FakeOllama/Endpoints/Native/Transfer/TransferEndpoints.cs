using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.Json;
using StreamingHarness.Protocol.Native;

namespace StreamingHarness.FakeOllama.Endpoints.Native.Transfer;

/// <summary>
/// <c>POST /api/pull</c>, <c>/api/push</c> and <c>/api/create</c> (<c>server/routes.go</c> PullHandler, PushHandler;
/// <c>server/images.go</c> PullModel, PushModel; <c>server/download.go</c> Wait): progress streams in Ollama's order,
/// a progress line per layer every 60 ms while its bytes move at the scenario's speed, and the installed models change.
/// </summary>
internal static class TransferEndpoints
{
    public const string NoManifest = "pull model manifest: file does not exist";
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(60);

    public static async Task PullAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        if (await ReadNamedAsync(request, "invalid model name") is not { } body)
        {
            return;
        }

        var name = body.Model ?? body.Name ?? "";
        var installed = state.Catalog.FindModel(name);
        var source = installed?.Scenario ?? state.Catalog.FindPullSource(name) ?? HeaderScenario(state, request);
        request.Entry.Model = name;
        request.Entry.Scenario = source?.Name;
        using var progress = new ProgressStream(state, request, source ?? new Scenario { Name = "pull" }, body.Stream ?? true);
        try
        {
            if (!await progress.StatusAsync("pulling manifest"))
            {
                return;
            }

            if (source is null)
            {
                await progress.FailAsync(NoManifest);
                return;
            }

            var size = installed?.Model.SizeBytes ?? new ModelSpec { Name = name }.SizeBytes;
            foreach (var (digest, bytes) in LayerPlan.For(name, size, source.Pull))
            {
                var moved = installed is not null
                    ? await progress.WriteAsync($"pulling {LayerPlan.Short(digest)}", digest, bytes, bytes)
                    : await MoveAsync(progress, "pulling", digest, bytes, source.Pull ?? new PullSpec());
                if (!moved)
                {
                    return;
                }
            }

            if (!await progress.StatusAsync("verifying sha256 digest") || !await progress.StatusAsync("writing manifest")
                || !await progress.StatusAsync("success"))
            {
                return;
            }

            if (installed is null)
            {
                state.Catalog.Installed.Add(new Selection(source, Pulled(source, name)));
            }

            await progress.CompleteAsync();
        }
        catch (OperationCanceledException) when (request.Aborted.IsCancellationRequested)
        {
            progress.MarkDisconnected();
        }
    }

    public static async Task PushAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        if (await ReadNamedAsync(request, "model is required") is not { } body)
        {
            return;
        }

        var name = body.Model ?? body.Name ?? "";
        var installed = state.Catalog.FindModel(name);
        request.Entry.Model = name;
        request.Entry.Scenario = installed?.Scenario.Name;
        using var progress = new ProgressStream(
            state, request, installed?.Scenario ?? new Scenario { Name = "push" }, body.Stream ?? true);
        try
        {
            if (!await progress.StatusAsync("retrieving manifest"))
            {
                return;
            }

            if (installed is null)
            {
                var full = ModelNames.Normalize(name).Replace(':', '/');
                if (await progress.StatusAsync("couldn't retrieve manifest"))
                {
                    await progress.FailAsync(
                        $"open /root/.ollama/models/manifests/registry.ollama.ai/library/{full}: no such file or directory");
                }

                return;
            }

            foreach (var (digest, bytes) in LayerPlan.For(name, installed.Model.SizeBytes, installed.Scenario.Pull))
            {
                if (!await MoveAsync(progress, "pushing", digest, bytes, installed.Scenario.Pull ?? new PullSpec()))
                {
                    return;
                }
            }

            if (await progress.StatusAsync("pushing manifest") && await progress.StatusAsync("success"))
            {
                await progress.CompleteAsync();
            }
        }
        catch (OperationCanceledException) when (request.Aborted.IsCancellationRequested)
        {
            progress.MarkDisconnected();
        }
    }

    /// <summary><c>from</c> an installed model: a new name for it; from another, the pull of the base fails.</summary>
    public static async Task CreateAsync(HttpContext http, FakeState state)
    {
        var request = FakeRequest.Of(http);
        if (await ReadNamedAsync(request, "invalid model name") is not { } body)
        {
            return;
        }

        var name = body.Model ?? body.Name ?? "";
        var from = state.Catalog.FindModel(body.From ?? "");
        request.Entry.Model = name;
        request.Entry.Scenario = from?.Scenario.Name;
        using var progress = new ProgressStream(
            state, request, from?.Scenario ?? new Scenario { Name = "create" }, body.Stream ?? true);
        if (from is null)
        {
            if (await progress.StatusAsync("pulling manifest"))
            {
                await progress.FailAsync(NoManifest);
            }

            return;
        }

        if (await progress.StatusAsync("writing manifest") && await progress.StatusAsync("success"))
        {
            state.Catalog.Installed.Add(new Selection(from.Scenario, ManageEndpoints.Renamed(from.Model, name)));
            await progress.CompleteAsync();
        }
    }

    /// <summary>
    /// One layer's transfer at the scenario's speed: a progress line at each 60 ms tick before it finishes, none when it
    /// ends (Ollama's ticker loop returns as soon as the blob is done), so a small layer may show no line at all.
    /// </summary>
    private static async ValueTask<bool> MoveAsync(ProgressStream progress, string verb, string digest, long bytes, PullSpec pull)
    {
        var durationMs = bytes * 1000.0 / pull.BytesPerSecond;
        var ticks = Math.Max(0, (int)Math.Ceiling(durationMs / Tick.TotalMilliseconds) - 1);
        for (var k = 1; k <= ticks; k++)
        {
            await progress.DelayAsync(progress.Scaled(Tick.TotalMilliseconds));
            var done = (long)Math.Min(bytes, pull.BytesPerSecond * k * Tick.TotalSeconds);
            if (!await progress.WriteAsync($"{verb} {LayerPlan.Short(digest)}", digest, bytes, done))
            {
                return false;
            }
        }

        await progress.DelayAsync(progress.Scaled(durationMs - (ticks * Tick.TotalMilliseconds)));
        return true;
    }

    private static async Task<ModelTransferRequest?> ReadNamedAsync(FakeRequest request, string missingName)
    {
        var body = await RequestBody.ReadOrRejectAsync(request, ProtocolJson.Context.ModelTransferRequest);
        if (body is not null && !ModelNames.IsValid(body.Model is { Length: > 0 } model ? model : body.Name ?? ""))
        {
            await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status400BadRequest, missingName);
            return null;
        }

        return body;
    }

    private static Scenario? HeaderScenario(FakeState state, FakeRequest request) =>
        request.Http.Request.Headers[ScenarioCatalog.ScenarioHeader].ToString() is { Length: > 0 } header
            ? state.Catalog.FindScenario(header.Trim())
            : null;

    /// <summary>The pulled model, like the scenario's first (its capabilities, details), under the pulled name.</summary>
    private static ModelSpec Pulled(Scenario scenario, string name) =>
        ManageEndpoints.Renamed(scenario.Models.FirstOrDefault() ?? new ModelSpec { Name = name }, name);
}
