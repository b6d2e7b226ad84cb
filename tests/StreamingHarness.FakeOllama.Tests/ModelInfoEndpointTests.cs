using System.Text;
using System.Text.Json;
using Shouldly;
using StreamingHarness.FakeOllama.Scenarios;
using StreamingHarness.FakeOllama.Tests.Support;

namespace StreamingHarness.FakeOllama.Tests;

public sealed class ModelInfoEndpointTests
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Scenario WithModels() => new()
    {
        Name = "models",
        Models =
        [
            new ModelSpec { Name = "llama3.2", Capabilities = ["completion", "tools"], ContextLength = 131072, EmbeddingLength = 3072 },
            new ModelSpec { Name = "all-minilm", Family = "bert", Capabilities = ["embedding"], EmbeddingLength = 8 },
        ],
        Response = "ok",
    };

    [Fact]
    public async Task Show_DescribesCapabilitiesAndContextLength()
    {
        await using var fake = await TestScenarios.StartAsync(WithModels());
        using var client = TestScenarios.Client(fake);

        var body = await (
            await client.PostAsync(
            "api/show", Json("""{"name":"llama3.2"}"""), TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(
            TestContext.Current.CancellationToken);

        body.ShouldMatch(
            """^\{"modelfile":"(\\.|[^"])*","parameters":"","template":"\{\{ .Prompt """
            + """\}\}","details":\{"parent_model":"","format":"gguf","family":"llama","families":"""
            + """\["llama"\],"parameter_size":"3.2B","quantization_level":"Q4_K_M"\},"model_info":"""
            + """\{"general.architecture":"llama","general.basename":"llama3.2","llama.context_length":131072,"llama.embedding_length":"""
            + """3072\},"capabilities":\["completion","tools"\],"modified_at":"[^"]+"\}$""");
    }

    [Theory]
    [InlineData("{}", 400, """{"error":"model is required"}""")]
    [InlineData("""{"model":"nope"}""", 404, """{"error":"model 'nope:latest' not found"}""")]
    public async Task Show_Errors(string request, int status, string expected)
    {
        await using var fake = await TestScenarios.StartAsync(WithModels());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync("api/show", Json(request), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(status);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(expected);
    }

    [Fact]
    public async Task Ps_ListsModelsUsedRecently()
    {
        await using var fake = await TestScenarios.StartAsync(WithModels());
        using var client = TestScenarios.Client(fake);
        (await client.GetStringAsync("api/ps", TestContext.Current.CancellationToken)).ShouldBe("""{"models":[]}""");

        (await client.PostAsync(
            "api/generate", Json("""{"model":"llama3.2","prompt":"x","stream":false}"""), TestContext.Current.CancellationToken))
            .EnsureSuccessStatusCode();

        (await client.GetStringAsync("api/ps", TestContext.Current.CancellationToken)).ShouldMatch(
            """^\{"models":\[\{"name":"llama3.2:latest","model":"llama3.2:latest","size":2019393189,"digest":"[0-9a-f]{64}","details":\{"""
            + """.*\},"expires_at":"[^"]+","size_vram":2019393189,"context_length":131072\}\]\}$""");
    }

    [Fact]
    public async Task Embed_GivesDeterministicUnitVectorsPerInput()
    {
        await using var fake = await TestScenarios.StartAsync(WithModels());
        using var client = TestScenarios.Client(fake);

        async Task<JsonElement> EmbedAsync(string request)
        {
            var text = await (
                await client.PostAsync("api/embed", Json(request), TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(
                TestContext.Current.CancellationToken);
            return JsonDocument.Parse(text).RootElement;
        }

        var first = await EmbedAsync("""{"model":"all-minilm","input":["a","b"]}""");
        var again = await EmbedAsync("""{"model":"all-minilm","input":"a"}""");

        first.GetProperty("model").GetString().ShouldBe("all-minilm");
        first.GetProperty("prompt_eval_count").GetInt32().ShouldBe(2);
        var vectors = first.GetProperty("embeddings").EnumerateArray().Select(v => v.EnumerateArray().Select(x => x.GetSingle()).ToArray())
            .ToArray();
        vectors.Length.ShouldBe(2);
        vectors.ShouldAllBe(v => v.Length == 8 && Math.Abs(v.Sum(x => x * x) - 1) < 1e-5);
        vectors[0].ShouldNotBe(vectors[1]);
        again.GetProperty("embeddings")[0].GetRawText().ShouldBe(first.GetProperty("embeddings")[0].GetRawText());
    }

    [Theory]
    [InlineData("""{"model":"all-minilm","input":""}""", 200, """{"model":"all-minilm","embeddings":[]}""")]
    [InlineData("""{"model":"all-minilm","input":[1]}""", 400, """{"error":"invalid input type"}""")]
    [InlineData("""{"model":"nope","input":"a"}""", 404, """{"error":"model \"nope\" not found, try pulling it first"}""")]
    [InlineData("""{"input":"a"}""", 404, """{"error":"model '' not found"}""")]
    public async Task Embed_EdgeCases(string request, int status, string expected)
    {
        await using var fake = await TestScenarios.StartAsync(WithModels());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync("api/embed", Json(request), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(status);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(expected);
    }

    [Fact]
    public async Task Embed_Dimensions_ShortensTheVector()
    {
        await using var fake = await TestScenarios.StartAsync(WithModels());
        using var client = TestScenarios.Client(fake);

        var text = await (
            await client.PostAsync(
            "api/embed", Json("""{"model":"llama3.2","input":"a","dimensions":4}"""), TestContext.Current.CancellationToken))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        JsonDocument.Parse(text).RootElement.GetProperty("embeddings")[0].GetArrayLength().ShouldBe(4);
    }

    [Theory]
    [InlineData("""{"model":"all-minilm","prompt":""}""", 200, """{"embedding":[]}""")]
    [InlineData("""{"prompt":"a"}""", 400, """{"error":"model is required"}""")]
    [InlineData("""{"model":"nope","prompt":"a"}""", 404, """{"error":"model \"nope\" not found, try pulling it first"}""")]
    public async Task LegacyEmbeddings_EdgeCases(string request, int status, string expected)
    {
        await using var fake = await TestScenarios.StartAsync(WithModels());
        using var client = TestScenarios.Client(fake);

        using var response = await client.PostAsync("api/embeddings", Json(request), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(status);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(expected);
    }

    [Fact]
    public async Task LegacyEmbeddings_GivesTheSameVectorAsEmbed()
    {
        await using var fake = await TestScenarios.StartAsync(WithModels());
        using var client = TestScenarios.Client(fake);

        var legacy = JsonDocument.Parse(
            await (
            await client.PostAsync(
            "api/embeddings", Json("""{"model":"all-minilm","prompt":"a"}"""), TestContext.Current.CancellationToken))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var embed = JsonDocument.Parse(
            await (
            await client.PostAsync("api/embed", Json("""{"model":"all-minilm","input":"a"}"""), TestContext.Current.CancellationToken))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        legacy.GetProperty("embedding").EnumerateArray().Select(v => (float)v.GetDouble())
            .ShouldBe(embed.GetProperty("embeddings")[0].EnumerateArray().Select(v => v.GetSingle()));
    }
}
