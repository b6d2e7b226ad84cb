using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamingHarness.Harness.Bench;

/// <summary>
/// The one text every server streams, and the files that make each server stream it: the fake's scenarios, aimock's
/// fixtures and the floor's pre-rendered lines. Words of four letters split by spaces give the same number of chunks
/// from the fake (one word a token) and from aimock (five characters a chunk).
/// </summary>
internal sealed class BenchText
{
    public const string UnpacedModel = "bench-unpaced";
    public const string PacedModel = "bench-paced";

    /// <summary>The floor's paced lines, each stream on its own schedule (only the floor serves it: <see cref="FloorServer"/>).</summary>
    public const string PhasedModel = "bench-phased";
    private const int AimockChunkCharacters = 5;
    private static readonly string[] Words = ["lore", "ipsu", "dolo", "amet", "cons", "elit", "sedo", "temp"];

    public BenchText(int tokens)
    {
        Tokens = tokens;
        Text = string.Join(' ', Enumerable.Range(0, tokens).Select(i => Words[i % Words.Length]));
    }

    public int Tokens { get; }

    public string Text { get; }

    /// <summary>Token <paramref name="index"/> as the fake splits the text: the word, with its leading space after the first.</summary>
    public static string Token(int index) => (index == 0 ? "" : " ") + Words[index % Words.Length];

    public void WriteFakeScenarios(string directory, int intervalMs)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, UnpacedModel + ".yaml"), Scenario(UnpacedModel, 0));
        File.WriteAllText(Path.Combine(directory, PacedModel + ".yaml"), Scenario(PacedModel, intervalMs));
    }

    public void WriteAimockFixtures(string path, int intervalMs)
    {
        var fixtures = new JsonArray(Fixture(UnpacedModel, 0), Fixture(PacedModel, intervalMs));
        File.WriteAllText(path, new JsonObject { ["fixtures"] = fixtures }.ToJsonString());
    }

    private JsonObject Fixture(string message, int latency) => new()
    {
        ["match"] = new JsonObject { ["userMessage"] = message },
        ["response"] = new JsonObject { ["content"] = Text },
        ["latency"] = latency,
        ["chunkSize"] = AimockChunkCharacters,
    };

    private string Scenario(string name, int intervalMs) => string.Create(
        CultureInfo.InvariantCulture,
        $"name: {name}\nresponse: \"{Text}\"\ninter_token_ms: {intervalMs}\n");
}
