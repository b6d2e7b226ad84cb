using System.Text.Json.Nodes;
using StreamingHarness.FakeOllama.Generation;
using StreamingHarness.Protocol.Responses;

namespace StreamingHarness.FakeOllama.Endpoints.Responses;

/// <summary>
/// The <c>response</c> object, echoing the request as Ollama does. Two spellings of the same thing: in a stream it is a
/// Go map (<c>buildResponseObject</c>: keys sorted, the reasoning's unset fields null, tools without <c>tools</c>);
/// the non-streamed body is Go's <c>ResponsesResponse</c> struct (<c>ToResponse</c>: declared key order, unset fields
/// left out).
/// </summary>
internal static class ResponsesObject
{
    public static JsonObject Build(
        ResponsesRequest request, string id, string status, JsonArray output, JsonObject? usage, long createdAt, long? completedAt,
        bool streamed)
    {
        var response = new JsonObject
        {
            ["id"] = id,
            ["object"] = "response",
            ["created_at"] = createdAt,
            ["completed_at"] = completedAt,
            ["status"] = status,
            ["incomplete_details"] = null,
            ["model"] = request.Model ?? "",
            ["previous_response_id"] = null,
            ["instructions"] = string.IsNullOrEmpty(request.Instructions) ? null : request.Instructions,
            ["output"] = output,
            ["error"] = null,
            ["tools"] = Tools(request),
            ["tool_choice"] = "auto",
            ["truncation"] = request.Truncation ?? "disabled",
            ["parallel_tool_calls"] = true,
            ["text"] = new JsonObject { ["format"] = TextFormat(request) },
            ["top_p"] = request.TopP ?? 1.0,
            ["presence_penalty"] = 0,
            ["frequency_penalty"] = 0,
            ["top_logprobs"] = 0,
            ["temperature"] = request.Temperature ?? 1.0,
            ["reasoning"] = Reasoning(request.Reasoning, streamed),
            ["usage"] = usage,
            ["max_output_tokens"] = request.MaxOutputTokens,
            ["max_tool_calls"] = null,
            ["store"] = false,
            ["background"] = request.Background,
            ["service_tier"] = "default",
            ["metadata"] = new JsonObject(),
            ["safety_identifier"] = null,
            ["prompt_cache_key"] = null,
        };
        return streamed ? (JsonObject)GoMap.Sorted(response, "schema")! : response;
    }

    /// <summary>Usage from the final chunk's counts; Ollama does not fill in the cached or reasoning details.</summary>
    public static JsonObject Usage(FinalChunkMetrics metrics) => new()
    {
        ["input_tokens"] = metrics.PromptEvalCount,
        ["output_tokens"] = metrics.EvalCount,
        ["total_tokens"] = metrics.PromptEvalCount + metrics.EvalCount,
        ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
        ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
    };

    private static JsonArray Tools(ResponsesRequest request)
    {
        var tools = new JsonArray();
        foreach (var tool in request.Tools ?? [])
        {
            tools.Add((JsonNode)new JsonObject
            {
                ["type"] = tool?.Type ?? "",
                ["name"] = tool?.Name ?? "",
                ["description"] = tool?.Description,
                ["strict"] = tool?.Strict,
                ["parameters"] = GoMap.FromElement(tool?.Parameters),
            });
        }

        return tools;
    }

    private static JsonObject TextFormat(ResponsesRequest request)
    {
        if (request.Text?.Format is not { } format)
        {
            return new JsonObject { ["type"] = "text" };
        }

        var node = new JsonObject { ["type"] = format.Type ?? "" };
        if (!string.IsNullOrEmpty(format.Name))
        {
            node["name"] = format.Name;
        }

        if (format.Schema is { } schema && schema.ValueKind != System.Text.Json.JsonValueKind.Null)
        {
            node["schema"] = JsonNode.Parse(schema.GetRawText());
        }

        if (format.Strict is { } strict)
        {
            node["strict"] = strict;
        }

        return node;
    }

    private static JsonObject? Reasoning(ResponsesReasoning? reasoning, bool streamed)
    {
        var effort = string.IsNullOrEmpty(reasoning?.Effort) ? null : reasoning.Effort;
        var summary = string.IsNullOrEmpty(reasoning?.Summary) ? null : reasoning.Summary;
        if (effort is null && summary is null)
        {
            return null;
        }

        var node = new JsonObject();
        if (streamed || effort is not null)
        {
            node["effort"] = effort;
        }

        if (streamed || summary is not null)
        {
            node["summary"] = summary;
        }

        return node;
    }
}
