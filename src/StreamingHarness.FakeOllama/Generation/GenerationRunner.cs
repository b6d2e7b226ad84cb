using StreamingHarness.FakeOllama.Endpoints;
using StreamingHarness.FakeOllama.Recording;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Scheduling;
using StreamingHarness.FakeOllama.Streaming;

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

            if (input.HasTools)
            {
                for (var i = 0; i < scenario.ToolCalls.Count; i++)
                {
                    if (!await writer.ToolCallAsync(scenario.ToolCalls[i], i, ToolCallId(random)).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }

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

    /// <summary>Ollama's form: <c>call_</c> and 8 characters of [a-z0-9].</summary>
    private static string ToolCallId(Random random)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(13, random, static (span, r) =>
        {
            "call_".CopyTo(span);
            for (var i = 5; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }

    private static Task DelayAsync(double milliseconds, FakeRequest request) =>
        milliseconds <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(milliseconds), request.Time, request.Aborted);
}
