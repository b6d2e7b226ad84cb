using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using StreamingHarness.Protocol.Json;
using Wire = StreamingHarness.Protocol.Native;

namespace StreamingHarness.Client.Chat;

/// <summary>Turns Microsoft.Extensions.AI messages and options into the body of Ollama's <c>POST /api/chat</c>.</summary>
internal static class ChatRequestBuilder
{
    /// <summary>The request body, and the prompt's size in characters (for the streaming threshold).</summary>
    public static (byte[] Body, string Model, long PromptChars) Build(
        IEnumerable<ChatMessage> messages, ChatOptions? options, string? defaultModel, int streamingThreshold)
    {
        var model = options?.ModelId ?? defaultModel
            ?? throw new ArgumentException("No model: set OllamaStreamingOptions.Model or ChatOptions.ModelId.", nameof(options));
        var wireMessages = new List<Wire.ChatMessage>();
        var toolNames = new Dictionary<string, string>();
        long promptChars = 0;
        foreach (var message in messages)
        {
            AddMessage(message, wireMessages, toolNames);
        }

        foreach (var message in wireMessages)
        {
            promptChars += message.Content.Length;
        }

        var request = new Wire.ChatRequest
        {
            Model = model,
            Messages = wireMessages,
            Stream = promptChars >= streamingThreshold,
            Options = ModelOptions(options),
            Tools = Tools(options),
            Format = Format(options),
            Think = Think(options),
            Logprobs = options?.AdditionalProperties?.TryGetValue("logprobs", out var logprobs) == true && logprobs is bool l ? l : null,
            TopLogprobs = options?.AdditionalProperties?.TryGetValue("top_logprobs", out var top) == true && top is int n ? n : null,
        };
        return (JsonSerializer.SerializeToUtf8Bytes(request, ProtocolJson.Context.ChatRequest), model, promptChars);
    }

    private static void AddMessage(ChatMessage message, List<Wire.ChatMessage> into, Dictionary<string, string> toolNames)
    {
        var wire = new Wire.ChatMessage { Role = message.Role.Value, Content = "" };
        var text = new System.Text.StringBuilder();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent t:
                    text.Append(t.Text);
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    (wire.Images ??= []).Add(Convert.ToBase64String(data.Data.Span));
                    break;
                case FunctionCallContent call:
                    toolNames[call.CallId] = call.Name;
                    (wire.ToolCalls ??= []).Add(new Wire.ToolCall
                    {
                        Id = call.CallId,
                        Function = new Wire.ToolCallFunction { Name = call.Name, Arguments = Arguments(call.Arguments) },
                    });
                    break;
                case FunctionResultContent result:
                    // Ollama takes each tool result as its own "tool" message, named by the function it answers.
                    into.Add(new Wire.ChatMessage
                    {
                        Role = "tool",
                        Content = ResultText(result.Result),
                        ToolName = toolNames.GetValueOrDefault(result.CallId),
                        ToolCallId = result.CallId,
                    });
                    break;
            }
        }

        wire.Content = text.ToString();
        if (wire.Content.Length > 0 || wire.ToolCalls is not null || wire.Images is not null || message.Contents.Count == 0)
        {
            into.Add(wire);
        }
    }

    /// <summary>A string result goes as its text (a JSON string would reach the model with its quotes), anything else as JSON.</summary>
    private static string ResultText(object? result) => result switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object))),
    };

    private static JsonObject Arguments(IDictionary<string, object?>? arguments)
    {
        var json = new JsonObject();
        foreach (var (name, value) in arguments ?? new Dictionary<string, object?>())
        {
            json[name] = JsonSerializer.SerializeToNode(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object)));
        }

        return json;
    }

    private static JsonObject? ModelOptions(ChatOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        var json = new JsonObject();
        Set(json, "temperature", options.Temperature);
        Set(json, "top_p", options.TopP);
        Set(json, "top_k", options.TopK);
        Set(json, "num_predict", options.MaxOutputTokens);
        Set(json, "seed", options.Seed);
        Set(json, "frequency_penalty", options.FrequencyPenalty);
        Set(json, "presence_penalty", options.PresencePenalty);
        if (options.StopSequences is { Count: > 0 } stop)
        {
            json["stop"] = new JsonArray([.. stop.Select(s => JsonValue.Create(s))]);
        }

        return json.Count == 0 ? null : json;
    }

    private static void Set<T>(JsonObject json, string name, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            json[name] = JsonValue.Create(v);
        }
    }

    private static JsonArray? Tools(ChatOptions? options)
    {
        if (options?.Tools is not { Count: > 0 } tools)
        {
            return null;
        }

        var array = new JsonArray();
        foreach (var tool in tools.OfType<AIFunctionDeclaration>())
        {
            array.Add(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject
                {
                    ["name"] = tool.Name,
                    ["description"] = tool.Description,
                    ["parameters"] = JsonNode.Parse(tool.JsonSchema.GetRawText()),
                },
            });
        }

        return array.Count == 0 ? null : array;
    }

    private static JsonElement? Format(ChatOptions? options) => options?.ResponseFormat switch
    {
        ChatResponseFormatJson { Schema: { } schema } => schema,
        ChatResponseFormatJson => Literal("\"json\""),
        _ => null,
    };

    /// <summary>
    /// <c>think</c>: <c>AdditionalProperties["think"]</c> as given (a bool or a level string), else
    /// <see cref="ChatOptions.Reasoning"/>'s effort mapped as Ollama maps OpenAI's (none false, extra-high max).
    /// </summary>
    private static JsonElement? Think(ChatOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue("think", out var think) == true)
        {
            return think switch
            {
                bool b => Literal(b ? "true" : "false"),
                string level => Literal(JsonValue.Create(level).ToJsonString()),
                _ => null,
            };
        }

        return options?.Reasoning?.Effort switch
        {
            ReasoningEffort.None => Literal("false"),
            ReasoningEffort.Low => Literal("\"low\""),
            ReasoningEffort.Medium => Literal("\"medium\""),
            ReasoningEffort.High => Literal("\"high\""),
            ReasoningEffort.ExtraHigh => Literal("\"max\""),
            _ => null,
        };
    }

    private static JsonElement Literal(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
