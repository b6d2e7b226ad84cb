using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Tests.Endpoints;
using StreamingHarness.FakeOllama.Tests.Responses;
using StreamingHarness.FakeOllama.Tests.Support;
using StreamingHarness.Testing.Files;

namespace StreamingHarness.FakeOllama.Tests.Anthropic;

/// <summary>
/// <c>/v1/messages</c>'s answers to every shape of <c>messages</c>, <c>content</c> and <c>system</c>, pinned byte for byte
/// (with the journal) in <c>Golden/messages-input.txt</c>, captured before the content was read in place (#26). The
/// scenario echoes the prompt; streams show the input-token estimate in <c>message_start</c>.
/// </summary>
public sealed class MessagesInputWireTests
{
    private const string Head = """{"model":"echo","max_tokens":64""";

    private static readonly string[] Bodies =
    [
        Head + ""","messages":[{"role":"user","content":"plain words here"}]}""",
        Head + ""","stream":true,"system":"Be \"brief\" \u00e9.","mess"""
            + """ages":[{"role":"user","content":"caf\u00e9 \"q\" a\nb \ud83d\ude00 \/"}]}""",
        Head + ""","stream":true,"messages":[{"role":"user","content":"lone \udc00 surrogate"}]}""",
        Head + ""","messages":[{"role":"user","content":"has the needle inside"}]}""",
        Head + ""","stream":true,"system":[{"type":"text","text":"sys one "},{"type":"text","text":"t\u00e9o"},7,"""
            + """{"type":"other","thinking":"th"}],"messages":[{"role":"user","content":"first user"},"""
            + """{"role":"assistant","content":[{"type":"thinking","thinking":"hmm \"x\""},{"type":"text","text":"said"},"""
            + """{"type":"tool_use","id":"t1","name":"f","input":{"a":"\u00e9"}}]},"""
            + """{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"r\u00e9sult","text":"x"},"""
            + """{"type":"text","text":"one "},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AA=="}},"""
            + """{"type":"text","text":"t\u00e9o\n"},"str",{"type":"text","text":"three"}]}]"""
            + ""","tools":[{"name":"f","description":"d\u00e9","input_schema":{"type":"object"}}]}""",
        Head + ""","stream":true,"messages":[{"role":"user","content":"kept"},{"role":"assistant","content":"last"}]}""",
        Head + ""","stream":true,"messages":[{"role":"assistant","content":"no user at all"}]}""",
        Head + ""","stream":true,"messages":[{"role":"User","content":[{"type":"text","text":"a","text":"b"},{"Type":"text","text":"c"},"""
            + """{"type":"text","text":5},{"type":"text"},{"type":"text","TEXT":"d"},{"type":"text","text":"e"}]}]}""",
        Head + ""","stream":true,"messages":[{"role":"user","content":"not kept"},{"role":"user","content":null}]}""",
        Head + ""","stream":true,"system":{"any":"object \u00e9"},"messages":[{"role":"user","content":"x"}]}""",
        Head + ""","stream":true,"system":12345678,"messages":[{"role":"user","content":[]}]}""",
        Head + ""","stream":true,"system":null,"messages":[{"role":"user","content":""}]}""",
        Head + ""","messages":[{"role":"user","content":[{"type":"text","text":"ne"},{"type":"text","text":"edle"}]}]}""",
        Head + ""","messages":[{"role":"user","content":[{"type":"text","text":"\ud83d"},{"type":"text","text":"\ude00"}]}]}""",
        Head + ""","messages":[null,{"role":"user","content":"after null"}]}""",
        Head + ""","messages":[{"role":"user","content":5}]}""",
        Head + ""","messages":[{"role":"user","content":"ok"},{"role":"user","content":{"type":"text"}}]}""",
        Head + ""","messages":[{"role":"user","content":[{"type":"tool_use","name":"f"}]}]}""",
        Head + ""","messages":[{"role":"user","content":[{"type":"tool_use","id":"t"}]}]}""",
        Head + ""","messages":[{"role":"user","content":[{"type":"image"}]}]}""",
        Head + ""","messages":[{"role":"user","content":[{"type":"image","source":"x"}]}]}""",
        Head + ""","messages":[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"u"}}]}]}""",
        Head + ""","messages":[{"role":"user","content":[{"type":"image","source":{}}]}]}""",
        Head + ""","messages":[]}""",
        """{"model":"echo","messages":[{"role":"user","content":"no max"}]}""",
        """{"max_tokens":5,"messages":[{"role":"user","content":"no model"}]}""",
        """{"model":"missing","max_tokens":5,"messages":[{"role":"user","content":"unknown model"}]}""",
        Head + ""","messages":[{"role":"user","content":"a"}],"stream":"yes"}""",
        Head + ""","messages":[{"role":"user","content":"a"}""",
        "",
        Head + ""","messages":[{"role":"user","content":"over the limit of tokens"}],"max_tokens":2}""",
        """  {"MODEL":"echo","Max_Tokens":9,"MESSAGES":[{"ROLE":"user","CONTENT":"keys in any case"}],"SYSTEM":"s"} {"trailing":1}""",
    ];

    [Fact]
    public async Task Content_EveryShape_AnswersTheGoldenBytes()
    {
        await using var fake = await TestScenarios.StartAsync(ResponsesInputWireTests.Echo());
        using var client = TestScenarios.Client(fake);
        var transcript = new StringBuilder();
        foreach (var body in Bodies)
        {
            transcript.Append(await InputWireTranscript.OfAsync(fake, client, "/v1/messages", body));
        }

        var actual = transcript.ToString().TrimEnd('\n');
        actual.ShouldBe(GoldenFile.Text(actual, "tests", "StreamingHarness.FakeOllama.Tests", "Endpoints", "Golden", "messages-input.txt"));
    }
}
