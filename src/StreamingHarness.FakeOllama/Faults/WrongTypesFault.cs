using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Streaming;
using StreamingHarness.Protocol.FakeAdmin;

namespace StreamingHarness.FakeOllama.Faults;

/// <summary>
/// <c>wrong-types</c>: the line at the trigger is replaced by valid JSON with a missing or mistyped field (see
/// <see cref="TypeMutation"/>). <see cref="TypeMutation.StringCounts"/> waits for the line that carries the counts
/// (the final chunk, or the usage chunk on <c>/v1</c>). Strict clients fail with a type error; lenient ones must not
/// crash on a null message (OllamaSharp's NullReferenceException).
/// </summary>
public sealed class WrongTypesFault(TypeMutation mutation, FaultTrigger trigger) : LineFault(trigger)
{
    private static readonly string[] CountKeys =
        ["eval_count", "prompt_eval_count", "prompt_tokens", "completion_tokens", "total_tokens", "input_tokens", "output_tokens"];

    public override string Name => FaultCatalog.WrongTypes;

    public TypeMutation Mutation { get; } = mutation;

    protected override bool AppliesTo(FaultContext context, OutgoingLine line) => Mutation switch
    {
        TypeMutation.StringCounts => line.Kind is LineKind.Final or LineKind.Usage && HasCounts(context, line),
        TypeMutation.StringDone => context.Framing == StreamFraming.Ndjson,
        _ => line.IsToken,
    };

    protected override async ValueTask<FaultAction> FireAsync(FaultContext context, OutgoingLine line)
    {
        if (FramedLine.Parse(context.Framing, line.Bytes) is not { } root)
        {
            return FaultAction.Continue;
        }

        Mutate(root);
        var bytes = FramedLine.Frame(context.Framing, root, line.Bytes);
        context.Record(this, $"{Mutation} on the {line.Kind.ToString().ToLowerInvariant()} line after {line.TokensBefore} tokens");
        return await context.WriteRawAsync(bytes).ConfigureAwait(false) ? FaultAction.Replaced : FaultAction.Stop;
    }

    private void Mutate(JsonObject root)
    {
        switch (Mutation)
        {
            case TypeMutation.MissingMessage:
                root.Remove("message");
                root.Remove("response");
                root.Remove("choices");
                root.Remove("delta");
                break;
            case TypeMutation.NumberContent when FramedLine.TextOf(root) is var (holder, key):
                holder[key] = 42;
                break;
            case TypeMutation.NullContent when FramedLine.TextOf(root) is var (holder, key):
                holder[key] = null;
                break;
            case TypeMutation.StringDone:
                root["done"] = root["done"]?.GetValue<bool>() == true ? "true" : "false";
                break;
            case TypeMutation.StringCounts:
                var counts = root["usage"] as JsonObject ?? root["response"]?["usage"] as JsonObject ?? root;
                foreach (var key in CountKeys)
                {
                    if (counts[key] is JsonValue value)
                    {
                        counts[key] = value.ToJsonString();
                    }
                }

                break;
        }
    }

    private static bool HasCounts(FaultContext context, OutgoingLine line)
    {
        var json = FramedLine.Json(context.Framing, line.Bytes).Span;
        return json.IndexOf("\"eval_count\""u8) >= 0 || json.IndexOf("\"completion_tokens\""u8) >= 0
            || json.IndexOf("\"output_tokens\""u8) >= 0;
    }
}
