using System.Text;
using System.Text.Json;
using CsCheck;
using Shouldly;
using StreamingHarness.Protocol.Json;

namespace StreamingHarness.Protocol.Tests.Json;

public sealed class GoJsonTextTests
{
    [Theory]
    [InlineData("""{"a":"\ud800"}""", """{"a":"\ufffd"}""")]
    [InlineData("""{"a":"\udc00x"}""", """{"a":"\ufffdx"}""")]
    [InlineData("""{"a":"\ud800\ud800"}""", """{"a":"\ufffd\ufffd"}""")]
    [InlineData("""{"a":"\ud83d\ude00"}""", """{"a":"\ud83d\ude00"}""")]
    [InlineData("""{"a":"\\ud800"}""", """{"a":"\\ud800"}""")]
    [InlineData("""{"\ud800":1}""", """{"\ufffd":1}""")]
    [InlineData("""{"a":"\u00e9\uD800"}""", """{"a":"\u00e9\ufffd"}""")]
    public void Repair_SurrogateEscapes_LoneOnesBecomeReplacementAndPairsStay(string body, string expected)
    {
        var repaired = GoJsonText.Repair(Encoding.UTF8.GetBytes(body));

        Encoding.UTF8.GetString(repaired.Span).ShouldBe(expected);
    }

    [Fact]
    public void Repair_InvalidUtf8InAString_BecomesReplacementCharacterOutsideIsLeft()
    {
        byte[] body = [.. "{\"a\":\"x"u8, 0xFF, 0xC3, .. "\"}"u8, 0xFF];

        var repaired = GoJsonText.Repair(body).ToArray();

        repaired.ShouldBe([.. "{\"a\":\"x\ufffd\ufffd\"}"u8, 0xFF]);
    }

    [Fact]
    public void Repair_NothingToRepair_ReturnsTheSameMemory()
    {
        var body = new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes("""{"a":"é \ud83d\ude00 \n"}"""));

        GoJsonText.Repair(body).ShouldBe(body);
    }

    [Fact]
    public void Repair_AnyEscapedString_DecodesAndKeepsValidTextIntact()
    {
        var units = Gen.OneOf(Gen.Char['\uD800', '\uDFFF'], Gen.Char['\u0020', '\u007E'], Gen.Char['\u00A0', '\uD7FF']).Array[0, 12];
        units.Sample(chars =>
        {
            var escaped = string.Concat(chars.Select(c => $"\\u{(int)c:x4}"));
            var repaired = GoJsonText.Repair(Encoding.UTF8.GetBytes($"{{\"a\":\"{escaped}\"}}"));

            repaired.Length.ShouldBe(escaped.Length + 8, "every escape keeps its length");
            var text = JsonDocument.Parse(repaired).RootElement.GetProperty("a").GetString()!;
            text.Length.ShouldBe(chars.Length);
            var original = new string(chars);
            for (var i = 0; i < chars.Length; i++)
            {
                var paired = char.IsSurrogatePair(original, i) || (i > 0 && char.IsSurrogatePair(original, i - 1));
                text[i].ShouldBe(char.IsSurrogate(chars[i]) && !paired ? '\uFFFD' : chars[i]);
            }
        });
    }
}
