using System.Text;
using Shouldly;
using StreamingHarness.FakeOllama.Endpoints.BodyText;

namespace StreamingHarness.FakeOllama.Tests.Endpoints;

/// <summary>Reading a value where it lies in the body: lookups as JsonElement's, lengths without decoding, joins in place.</summary>
public sealed class BodyElementTests
{
    [Theory]
    [InlineData("plain", 5)]
    [InlineData("a\\nb\\t\\\"\\\\\\/", 7)]
    [InlineData("caf\\u00e9 \\u20ac", 9)]
    [InlineData("\\ud83d\\ude00 x", 6)]
    [InlineData("\\u0041\\u07ff\\u0800", 6)]
    [InlineData("lone \\ud83d x", 10)]
    public void TextLength_EscapedString_IsTheUnescapedUtf8Length(string escaped, int expected)
    {
        var value = Element($"\"{escaped}\"");

        value.TextLength.ShouldBe(expected);
        value.UnescapeInPlace().Length.ShouldBe(expected);
    }

    [Fact]
    public void TryGetProperty_RepeatedAndMiscasedNames_FindsTheLastExactOne()
    {
        var item = Element("""{"type":"a","Type":"b","type":"c","t\u0079pe2":[1,{"x":2}]}""");

        item.TryGetProperty("type", out var type).ShouldBeTrue();
        type.GetString().ShouldBe("c");
        item.TryGetProperty("type2", out var array).ShouldBeTrue();
        array.Items().Select(i => i.ValueKind.ToString()).ShouldBe(["Number", "Object"]);
        array.Items()[1].RawLength.ShouldBe("""{"x":2}""".Length);
        item.TryGetProperty("TYPE", out _).ShouldBeFalse();
    }

    [Fact]
    public void JoinInPlace_EscapedParts_AreOneRunOfTheBody()
    {
        var body = Encoding.UTF8.GetBytes("""[{"text":"a\nb"},{"text":"caf\u00e9"},{"text":"\"z\""}]""");
        var parts = Element(body).Items().Select(p => p.TryGetProperty("text", out var text) ? text : default).ToList();

        var joined = BodyTextJoin.InPlace(parts);

        Encoding.UTF8.GetString(joined.Span).ShouldBe("a\nbcafé\"z\"");
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(joined, out var segment).ShouldBeTrue();
        segment.Array.ShouldBeSameAs(body);
    }

    [Fact]
    public void JoinInPlace_PartsOutOfOrder_Throws()
    {
        var parts = Element("""["first","second"]""").Items().Reverse().ToList();

        Should.Throw<InvalidOperationException>(() => BodyTextJoin.InPlace(parts));
    }

    private static BodyElement Element(string json) => Element(Encoding.UTF8.GetBytes(json));

    private static BodyElement Element(byte[] json) => BodyElement.At(json, 0, new JsonValueRange(0, json.Length));
}
