using System.Runtime.InteropServices;
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

    [Fact]
    public void RepairInPlace_AnyString_GivesWhatRepairGives()
    {
        byte[][] pieces =
        [
            "a"u8.ToArray(), "\\\\"u8.ToArray(), "\\\""u8.ToArray(), "\\ud800"u8.ToArray(), "\\udc00"u8.ToArray(),
            "\\ud83d"u8.ToArray(), "\\u00e9"u8.ToArray(), "\\n"u8.ToArray(), "\u00e9"u8.ToArray(), [0xFF], [0xC3],
        ];
        Gen.Int[0, pieces.Length - 1].Array[0, 16].Sample(picks =>
        {
            byte[] body = [.. "{\"a\":\""u8, .. picks.SelectMany(p => pieces[p]), .. "\"}"u8];

            var expected = GoJsonText.Repair(body.ToArray()).ToArray();

            GoJsonText.RepairInPlace(body).ToArray().ShouldBe(expected);
        });
    }

    [Fact]
    public void RepairInPlace_LoneSurrogateEscapes_RepairsTheBodyItselfWithoutACopy()
    {
        var escapes = string.Concat(Enumerable.Repeat("x\\ud800\\ud83d\\ude00", 64 * 1024));
        var body = Encoding.UTF8.GetBytes($"{{\"a\":\"{escapes}\"}}");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var repaired = GoJsonText.RepairInPlace(body);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.ShouldBeLessThan(1024, "the body is 1.3 MiB; a copy of it would show");
        MemoryMarshal.TryGetArray(repaired, out var segment).ShouldBeTrue();
        segment.Array.ShouldBeSameAs(body);
        Encoding.UTF8.GetString(repaired.Span).ShouldBe($"{{\"a\":\"{escapes.Replace("\\ud800", "\\ufffd", StringComparison.Ordinal)}\"}}");
    }
}
