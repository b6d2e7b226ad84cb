using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Endpoints;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.FakeOllama.Tests.Responses;

/// <summary>
/// <c>/v1/responses</c>'s answers to every shape of <c>input</c>, pinned byte for byte (with the journal) in
/// <c>Golden/responses-input.txt</c>, captured before the input was read in place (#26). The scenario echoes the prompt,
/// so the golden text shows which text became the prompt.
/// </summary>
public sealed class ResponsesInputWireTests
{
    private static readonly string[] Bodies =
    [
        """{"model":"echo","input":"plain words here"}""",
        """{"model":"echo","input":"caf\u00e9 \"q\" a\nb\ttab \ud83d\ude00 \u20ac \/ \\ end","instructions":"Be \"brief\"."}""",
        """{"model":"echo","input":"lone \ud800 surrogate","stream":true}""",
        """{"model":"echo","input":"has the needle inside"}""",
        """{"model":"echo","input":""}""",
        """{"model":"echo","input":null}""",
        """{"model":"echo"}""",
        """{"model":"echo","input":[]}""",
        """{"model":"echo","instructions":"sys","input":[{"type":"message","role":"user","content":"first user"},"""
            + """{"type":"message","role":"assistant","content":[{"type":"output_text","text":"said"}]},"""
            + """{"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},"""
            + """{"type":"function_call_output","call_id":"c1","output":"out"},{"type":"reasoning","summary":[]},"""
            + """{"type":"web_search_call"},{"type":"message","role":"user","content":[{"type":"input_text","text":"one "},"""
            + """{"type":"input_image","image_url":"data:image/png;base64,AA=="},{"type":"input_text","text":"t\u00e9o\n"},"""
            + """{"type":"output_text","text":"three"}]}],"tools":[{"type":"function","name":"f","parameters":{"type":"object"}}]}""",
        """{"model":"echo","stream":true,"input":[{"role":"User","content":[{"type":"input_text","text":"role only, "},"""
            + """{"type":"input_text","text":"streamed \"x\""}]}]}""",
        """{"model":"echo","input":[{"role":"user","content":"kept"},{"role":"user","content":null},{"role":"user"}]}""",
        """{"model":"echo","input":[{"role":"user","content":"kept"},{"role":"user","content":[]}]}""",
        """{"model":"echo","input":[{"type":"message","role":"user","type":"message","content":"first","content":"last wins"}]}""",
        """{"model":"echo","input":[{"Type":"message","ROLE":"user","role":"user","Content":"x","con"""
            + """tent":[{"type":"input_text","text":1},"""
            + """{"type":"input_text","text":"b","text":"c"},{"type":"input_text","Text":"d"},{"type":"input_text"}]}]}""",
        """{"model":"echo","input":[{"role":"user","content":[{"type":"input_text","text":"ne"},{"type":"input_text","text":"edle"}]}]}""",
        """{"model":"echo","input":[{"role":"assistant","content":"not a user"}]}""",
        """{"model":"echo","input":[{"role":"user","content":[{"type":"input_text","text":"\ud83d"},"""
            + """{"type":"input_text","text":"\ude00"}]}]}""",
        """{"model":"echo","input":5}""",
        """{"model":"echo","input":{"role":"user"}}""",
        """{"model":"echo","input":true}""",
        """{"model":"echo","input":[null]}""",
        """{"model":"echo","input":[{"role":"user","content":"a"},7]}""",
        """{"model":"echo","input":["text"]}""",
        """{"model":"echo","input":[{"content":"no type"}]}""",
        """{"model":"echo","input":[{"type":"image"}]}""",
        """{"model":"echo","input":[{"role":"user","content":3}]}""",
        """{"model":"echo","input":[{"role":"user","content":{"type":"input_text"}}]}""",
        """{"model":"echo","input":[{"role":"user","content":[{"type":"input_text","text":"a"},{"type":"audio"}]}]}""",
        """{"model":"echo","input":[{"role":"user","content":[{"type":"input_text","text":"a"},"str"]}]}""",
        """{"model":"echo","input":[{"role":"user","content":[{"type":"input_file","file_id":"f"}]}]}""",
        """{"model":"echo","input":[{"role":"user","content":"a"}],"reasoning":{"effort":"bogus"}}""",
        """{"model":"echo","input":[{"role":"user","content":"a"}],"stream":"yes"}""",
        """{"model":"echo","input":"a","max_output_tokens":"9"}""",
        """{"model":"echo","input":"a" """,
        "",
        """{"model":"","input":"no model"}""",
        """{"model":"missing","input":"unknown model"}""",
        """{"model":"echo","input":"over the limit of tokens","max_output_tokens":2}""",
        """  {"MODEL":"echo","INPUT":"keys in any case"} {"trailing":1}""",
    ];

    [Fact]
    public async Task Input_EveryShape_AnswersTheGoldenBytes()
    {
        await using var fake = await TestScenarios.StartAsync(Echo());
        using var client = TestScenarios.Client(fake);
        var transcript = new StringBuilder();
        foreach (var body in Bodies)
        {
            transcript.Append(await InputWireTranscript.OfAsync(fake, client, "/v1/responses", body));
        }

        var actual = transcript.ToString().TrimEnd('\n');
        actual.ShouldBe(GoldenFile.Text(
            actual, "tests", "StreamingHarness.FakeOllama.Tests", "Endpoints", "Golden", "responses-input.txt"));
    }

    /// <summary>Echoes the prompt, unless it holds "needle"; tools allowed.</summary>
    internal static Scenario Echo() => new()
    {
        Name = "echo",
        Models = [new ModelSpec { Name = "echo", Capabilities = ["completion", "tools"] }],
        Echo = true,
        Matches = [new PromptMatch { Contains = "NEEDLE", Response = "found it" }],
    };
}
