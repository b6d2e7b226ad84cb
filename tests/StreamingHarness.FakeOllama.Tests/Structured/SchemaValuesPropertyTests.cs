using System.Text.Json;
using CsCheck;
using Shouldly;
using StreamingHarness.FakeOllama.Generation.Structured;

namespace StreamingHarness.FakeOllama.Tests.Structured;

/// <summary>Whatever the schema (built from the keywords the generator knows) and seed, the value validates.</summary>
public sealed class SchemaValuesPropertyTests
{
    private static readonly Gen<string> Leaf = Gen.OneOf(
        Gen.Const("""{"type":"string"}"""),
        Gen.Int[0, 20].Select(n => $$"""{"type":"string","minLength":{{n}},"maxLength":{{n + 5}}}"""),
        Gen.Int[0, 7].Select(i => new[] { "date-time", "date", "time", "email", "uri", "uuid", "ipv4", "hostname" }[i])
            .Select(f => $$"""{"type":"string","format":"{{f}}"}"""),
        Gen.Int[-50, 50].Select(n => $$"""{"type":"integer","minimum":{{n}},"maximum":{{n + 10}}}"""),
        Gen.Int[-50, 50].Select(n => $$"""{"type":"number","exclusiveMinimum":{{n}},"exclusiveMaximum":{{n + 1}}}"""),
        Gen.Int[1, 7].Select(n => $$"""{"type":"integer","multipleOf":{{n}},"minimum":1}"""),
        Gen.Const("""{"type":"boolean"}"""),
        Gen.Const("""{"type":["null","string"]}"""),
        Gen.Const("""{"enum":["red",2,null,{"k":true}]}"""),
        Gen.Const("""{"const":"fixed"}"""),
        Gen.Const("""{"anyOf":[{"type":"integer"},{"type":"string","format":"date"}]}"""));

    private static readonly Gen<string> Schema = Leaf.SelectMany(inner => Gen.OneOf(
        Gen.Const(inner),
        Gen.Int[0, 3].Select(min => StructuredWire.Q($"{{'type':'array','items':{inner},'minItems':{min},'maxItems':{min + 2}}}")),
        Gen.Const(StructuredWire.Q(
            $"{{'type':'object','properties':{{'a':{inner},'b':{{'type':'object','properties':{{'c':{inner}}},'required':['c']}}}},"
            + "'required':['a','b','z']}")),
        Gen.Const(StructuredWire.Q(
            $"{{'$defs':{{'x':{inner}}},'type':'object','properties':{{'r':{{'$ref':'#/$defs/x'}}}},'allOf':[{{'properties':"
            + "{'s':{'type':'integer'}},'required':['s']}],'required':['r']}"))));

    [Fact]
    public void Draw_AnySchemaAndSeed_ValidatesAgainstTheSchema() =>
        Gen.Select(Schema, Gen.Int).Sample((schema, seed) =>
        {
            using var document = JsonDocument.Parse(schema);
            var json = StructuredAnswer.Serialize(new SchemaValues(document.RootElement, new Random(seed)).Draw());
            StructuredWire.Validate(schema, json).IsValid.ShouldBeTrue($"{schema} -> {json}");
        });
}
