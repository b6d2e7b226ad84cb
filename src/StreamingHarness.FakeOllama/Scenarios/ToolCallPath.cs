namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>
/// How a scenario's tool calls reach the client: the three paths of Ollama 0.33 (<c>server/routes.go</c>,
/// <c>llm/llama_server.go</c>), which depend on the Ollama version and the model.
/// </summary>
public enum ToolCallPath
{
    /// <summary>
    /// Ollama's own template and tool parser (every version since 0.4.6; at 0.30+ the models with a renderer or
    /// built-in parser: gpt-oss, qwen3, deepseek, …): each call whole in its own <c>done:false</c> chunk with
    /// <c>content:""</c> as soon as it is parsed, id <c>call_xxxxxxxx</c>.
    /// </summary>
    Template,

    /// <summary>
    /// llama-server's native chat (0.30+, models served with their own chat template): nothing is streamed while the
    /// calls are generated, then every call rides on the <c>done:true</c> chunk, with llama-server's 32-character ids.
    /// </summary>
    Native,

    /// <summary>
    /// The calls only in the final chunk, with no silent stretch: <c>/api/generate</c> with a built-in parser (no ids,
    /// since generate offers no tools), and chat clients that only read the last chunk.
    /// </summary>
    Generate,
}
