using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.FakeOllama.Recording;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Scheduling;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.FakeOllama.Pipeline;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// The fake's model: waits for a scheduler slot, plays the load and prompt-evaluation delays (before any header),
/// then paces the scenario's tokens through an <see cref="IAnswerWriter"/>, honouring num_predict, stop and the pause
/// setting, and ends with metrics measured on the same clock.
/// </summary>
internal sealed class GenerationRunner(FakeState state)
{
    public async Task RunAsync(FakeRequest request, Selection selection, GenerationInput input, ResponseStream stream, IAnswerWriter writer)
    {
        var scenario = selection.Scenario;
        var cancel = request.Aborted;
        var scale = state.TimeScaleFor(scenario);
        state.StreamOpened();
        try
        {
            using var slot = await state.SchedulerFor(scenario).AcquireAsync(cancel).ConfigureAwait(false);
            if (slot is null)
            {
                await OllamaErrorResponder.WriteAsync(request, StatusCodes.Status503ServiceUnavailable, OllamaErrorResponder.ServerBusy)
                    .ConfigureAwait(false);
                return;
            }

            if (scenario.Recording is { } recording)
            {
                await RecordingPlayer.PlayAsync(state, request, scenario, recording).ConfigureAwait(false);
                return;
            }

            var seed = SeedOf(input, scenario);
            var random = new Random(seed);
            var plan = AnswerPlan.For(scenario, selection.Model, input, random, stream.Faults);
            await stream.LoadAsync().ConfigureAwait(false);
            state.Loaded.Touch(selection.Model);
            await DelayAsync(scenario.LoadMs * scale, request).ConfigureAwait(false);
            var loadNs = request.ElapsedNanoseconds;
            if (plan.FormatError is { } formatError && !plan.Reprompts)
            {
                // The runner refuses the format before it evaluates the prompt.
                await stream.WriteErrorAsync(StatusCodes.Status500InternalServerError, formatError).ConfigureAwait(false);
                return;
            }

            await DelayAsync(scenario.FirstTokenMs * scale, request).ConfigureAwait(false);
            var promptEvalNs = request.ElapsedNanoseconds - loadNs;
            var promptCount = Math.Max(1, Tokenizer.Count(input.Prompt));

            using var pacer = new TokenPacer(
                scenario.BaseInterTokenMs * scale, scenario.JitterMs * scale, new Random(seed + 1), state.Pacing, cancel);
            var stop = new StopMatcher(input.Stop);
            var limit = input.NumPredict is > 0 ? input.NumPredict.Value : int.MaxValue;
            var delivered = 0;
            var passStart = 0;
            var doneReason = "stop";
            long evalStartNs = -1;

            foreach (var (source, isThinking) in new[] { (plan.Thinking, true), (plan.Content, false) })
            {
                if (!isThinking && plan.Reprompts)
                {
                    if (plan.FormatError is { } secondPassError)
                    {
                        await stream.WriteErrorAsync(StatusCodes.Status500InternalServerError, secondPassError).ConfigureAwait(false);
                        return;
                    }

                    if (delivered > 0)
                    {
                        // The second pass: the prompt again, now with the thinking, under the constraint.
                        var before = request.ElapsedNanoseconds;
                        await DelayAsync(scenario.FirstTokenMs * scale, request).ConfigureAwait(false);
                        promptEvalNs = request.ElapsedNanoseconds - before;
                        promptCount += delivered;
                        passStart = delivered;
                        evalStartNs = -1;
                    }
                }

                while (delivered - passStart < limit && source.TryNext(out var token))
                {
                    var hitStop = !isThinking && stop.Hit(token, out token);
                    if (hitStop && token.Length == 0)
                    {
                        goto finish;
                    }

                    await pacer.WaitForNextAsync().ConfigureAwait(false);
                    if (evalStartNs < 0)
                    {
                        evalStartNs = request.ElapsedNanoseconds;
                    }

                    var kept = isThinking ? await writer.ThinkingAsync(token).ConfigureAwait(false)
                        : await writer.ContentAsync(token).ConfigureAwait(false);
                    if (!kept)
                    {
                        return;
                    }

                    delivered++;
                    if (hitStop)
                    {
                        goto finish;
                    }

                    if (delivered == scenario.PauseAfterTokens)
                    {
                        await state.Pause.WaitAsync(cancel).ConfigureAwait(false);
                    }
                }

                if (delivered - passStart >= limit)
                {
                    doneReason = "length";
                    goto finish;
                }
            }

            var (keptCalls, silentTokens) = await PlayToolCallsAsync(scenario, input, writer, pacer, random, request).ConfigureAwait(false);
            if (!keptCalls)
            {
                return;
            }

            delivered += silentTokens;

        finish:
            var totalNs = request.ElapsedNanoseconds;
            var evalCount = delivered - passStart;
            var metrics = new FinalChunkMetrics(
                totalNs, loadNs, promptCount, promptEvalNs, evalCount, evalCount == 0 || evalStartNs < 0 ? 0 : totalNs - evalStartNs);
            await writer.FinishAsync(doneReason, metrics).ConfigureAwait(false);
            await stream.CompleteAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            stream.MarkDisconnected();
        }
        finally
        {
            state.StreamClosed();
            if (PacingLoop.OnLoopThread)
            {
                // The end of the response (terminator, the next request on the connection) is not paced work: leave the
                // loop to the streams still pacing.
                await Task.Yield();
            }
        }
    }

    /// <summary>The same request seed, or the scenario's, gives the same stream.</summary>
    public static int SeedOf(GenerationInput input, Scenario scenario)
    {
        var seed = input.Seed ?? scenario.Seed;
        return (int)(seed ^ (seed >> 32));
    }

    /// <summary>
    /// The scenario's tool calls on its <see cref="ToolCallPath"/>: streamed one per chunk (template), after a silent
    /// stretch on the final chunk (native), or on the final chunk alone (generate, which also answers
    /// <c>/api/generate</c>). Returns whether the stream goes on and the tokens generated in silence.
    /// </summary>
    private async ValueTask<(bool Kept, int SilentTokens)> PlayToolCallsAsync(
        Scenario scenario, GenerationInput input, IAnswerWriter writer, TokenPacer pacer, Random random, FakeRequest request)
    {
        var calls = scenario.ToolCalls;
        var offered = input.Chat ? input.HasTools : scenario.ToolPath == ToolCallPath.Generate;
        if (!offered || calls.Count == 0)
        {
            return (true, 0);
        }

        switch (scenario.ToolPath)
        {
            case ToolCallPath.Template:
                for (var i = 0; i < calls.Count; i++)
                {
                    if (!await writer.ToolCallAsync(calls[i], i, ToolCallId(random, "call_", 8)).ConfigureAwait(false))
                    {
                        return (false, 0);
                    }
                }

                return (true, 0);
            case ToolCallPath.Native:
                var silent = calls.Sum(c => Tokenizer.Count(c.Name) + Tokenizer.Count(c.Arguments.ToJsonString()));
                if (scenario.ToolSilenceMs is { } silenceMs)
                {
                    await DelayAsync(silenceMs * state.TimeScaleFor(scenario), request).ConfigureAwait(false);
                }
                else
                {
                    for (var i = 0; i < silent; i++)
                    {
                        await pacer.WaitForNextAsync().ConfigureAwait(false);
                    }
                }

                // llama-server's ids: 32 characters of [A-Za-z0-9].
                return (await writer.FinalToolCallsAsync([.. calls.Select(c => (c, (string?)ToolCallId(random, "", 32)))])
                    .ConfigureAwait(false), silent);
            default:
                // Generate's built-in parser gives no ids; chat numbers them as on the template path.
                return (await writer.FinalToolCallsAsync([.. calls.Select(c => (c, input.Chat ? ToolCallId(random, "call_", 8) : null))])
                    .ConfigureAwait(false), 0);
        }
    }

    /// <summary>Ollama's form <c>call_</c> and 8 characters of [a-z0-9]; llama-server's, 32 of [A-Za-z0-9].</summary>
    private static string ToolCallId(Random random, string prefix, int length)
    {
        const string Lower = "abcdefghijklmnopqrstuvwxyz0123456789";
        const string Mixed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var alphabet = prefix.Length > 0 ? Lower : Mixed;
        return string.Create(prefix.Length + length, (random, prefix, alphabet), static (span, s) =>
        {
            s.prefix.CopyTo(span);
            for (var i = s.prefix.Length; i < span.Length; i++)
            {
                span[i] = s.alphabet[s.random.Next(s.alphabet.Length)];
            }
        });
    }

    private static Task DelayAsync(double milliseconds, FakeRequest request) =>
        milliseconds <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(milliseconds), request.Time, request.Aborted);
}
