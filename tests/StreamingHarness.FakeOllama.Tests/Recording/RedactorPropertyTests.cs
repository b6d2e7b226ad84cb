using System.Text.Json;
using CsCheck;
using Shouldly;
using StreamingHarness.FakeOllama.Recording;
using StreamingHarness.Testing.Fuzzing;

namespace StreamingHarness.FakeOllama.Tests.Recording;

public sealed class RedactorPropertyTests
{
    private static readonly FuzzTarget[] Lines =
    [
        FuzzTarget.Post("line", """
            {"model":"m","message":{"role":"assistant","content":"h\u00e9 \"x\"\n\ud83d\ude00","thinking":"t",
             "tool_calls":[{"function":{"name":"f","arguments":{"a":"secret"}}}]},"done":false}
            """),
        FuzzTarget.Post("line", """{"model":"m","response":"r","context":[1,22,333],"done":true,"eval_count":7}"""),
        FuzzTarget.Post("line", """{"model":"m","prompt":"p","system":"s","images":["aGk="],"options":{"seed":1}}"""),
    ];

    [Fact]
    public void Redact_AnyLine_KeepsItsLengthAndItsJsonValidity()
    {
        BodyMutator.Cases(Lines).Sample(line =>
        {
            var redacted = Redactor.Redact(line.Body);

            redacted.Length.ShouldBe(line.Body.Length);
            IsJson(redacted).ShouldBe(IsJson(line.Body), System.Text.Encoding.UTF8.GetString(redacted));
        });
    }

    [Fact]
    public void Redact_KeyWithALoneSurrogateEscape_KeepsTheLineAndMasksTheTextKeys()
    {
        // Found by the property above (CsCheck seed amgL5NJHN1I1): the key "\ud800" threw while being compared.
        var line = """{"prompt":"p","options":{"\ud800":{"type":"\udfff"}}}"""u8.ToArray();

        var redacted = System.Text.Encoding.UTF8.GetString(Redactor.Redact(line));

        redacted.ShouldBe("""{"prompt":"x","options":{"\ud800":{"type":"\udfff"}}}""");
    }

    private static bool IsJson(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
