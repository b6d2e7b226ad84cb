using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Shouldly;
using StreamingHarness.Harness.Cli;
using StreamingHarness.Harness.Shards;
using StreamingHarness.Harness.Suites;
using StreamingHarness.Harness.Targets;
using YamlDotNet.RepresentationModel;

namespace StreamingHarness.Harness.Tests.Deploy;

/// <summary>
/// deploy/kubernetes/ cannot run here, so its structure is checked: every file parses, the Jobs and the Deployment
/// have what Kubernetes needs, they refer to each other by the right names, and the tool command lines in them are
/// ones the harness's own parser accepts (the tool's <c>load</c> and <c>merge</c> are this parser's).
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(BuildPaths.RepositoryRoot!, "deploy", "kubernetes");

    [Fact]
    public void EveryManifest_ParsesWithApiVersionKindAndName()
    {
        var files = Directory.GetFiles(Folder, "*.yaml");

        files.Select(Path.GetFileName).Order()
            .ShouldBe(["fake.yaml", "merge-job.yaml", "reports-volume.yaml", "run-config.yaml", "shards-job.yaml"]);
        foreach (var document in files.SelectMany(Documents))
        {
            Text(document, "apiVersion").ShouldNotBeNullOrWhiteSpace();
            Text(document, "kind").ShouldNotBeNullOrWhiteSpace();
            Text(document, "metadata", "name").ShouldStartWith("streamingharness-");
        }
    }

    [Fact]
    public void ShardJob_IndexedOneShardPerPodAndEachIndexParses()
    {
        var job = Single("shards-job.yaml", "Job");
        var count = int.Parse(Text(job, "spec", "completions"), CultureInfo.InvariantCulture);
        var parallelism = Text(job, "spec", "parallelism");
        var pod = Node(job, "spec", "template", "spec");
        var container = Only(pod, "containers");
        var args = Strings(container, "args");

        Text(job, "apiVersion").ShouldBe("batch/v1");
        Text(job, "spec", "completionMode").ShouldBe("Indexed");
        parallelism.ShouldBe(count.ToString(CultureInfo.InvariantCulture));
        Text(pod, "restartPolicy").ShouldBe("Never");
        Strings(container, "command").ShouldBe(["/tools/streamingharness"]);
        args[0].ShouldBe("load");
        Value(args, "--shard-index").ShouldBe("$(JOB_COMPLETION_INDEX)");
        Value(args, "--shard-count").ShouldBe(count.ToString(CultureInfo.InvariantCulture));
        var declared = Env(container).Append("JOB_COMPLETION_INDEX").ToList();
        args.SelectMany(a => Variable().Matches(a).Select(m => m.Groups[1].Value)).ShouldBeSubsetOf(declared);
        for (var index = 0; index < count; index++)
        {
            var root = LoadTestCommand.Create();
            var parse = root.Parse([.. args.Skip(1).Select(a => Substitute(a, index))]);
            parse.Errors.ShouldBeEmpty();
            var shard = ShardSpec.From(
                Get<int?>(root, parse, "--shard-index"),
                Get<int?>(root, parse, "--shard-count"),
                Get<DateTimeOffset?>(root, parse, "--start-at"));
            shard.ShouldBe(new ShardSpec(index, count, DateTimeOffset.Parse(RunConfig()["start-at"], CultureInfo.InvariantCulture)));
            var concurrency = Get<int?>(root, parse, "--concurrency")!.Value;
            var split = shard!.Apply(new SuiteDefinition { Load = new LoadDefinition { Concurrency = concurrency } });
            split.Load.Concurrency.ShouldBeGreaterThanOrEqualTo(1);
        }
    }

    [Fact]
    public void MergeJob_ReadsTheShardsFoldersAndItsCommandLineParses()
    {
        var job = Single("merge-job.yaml", "Job");
        var container = Only(Node(job, "spec", "template", "spec"), "containers");
        var script = Strings(container, "args").ShouldHaveSingleItem();
        var shardArgs = Strings(Only(Node(Single("shards-job.yaml", "Job"), "spec", "template", "spec"), "containers"), "args");

        Strings(container, "command").ShouldBe(["sh", "-c"]);
        script.ShouldStartWith("exec /tools/streamingharness merge ");
        var tokens = script.Replace("$RUN_ID", RunConfig()["run-id"], StringComparison.Ordinal).Split(' ').Skip(2).ToArray();
        LoadTestCommand.Create().Parse(tokens).Errors.ShouldBeEmpty();
        tokens[0].ShouldBe("merge");
        tokens[^1].ShouldBe($"{Substitute(Value(shardArgs, "--reports"), 0)}/*-{Value(shardArgs, "--name")}-shard-*");
        Env(container).ShouldContain("RUN_ID");
    }

    [Fact]
    public void EveryPod_InstallsTheToolAndMountsWhatItUses()
    {
        var claim = Text(Single("reports-volume.yaml", "PersistentVolumeClaim"), "metadata", "name");
        Strings(Single("reports-volume.yaml", "PersistentVolumeClaim"), "spec", "accessModes").ShouldBe(["ReadWriteMany"]);
        foreach (var (file, kind) in new[] { ("shards-job.yaml", "Job"), ("merge-job.yaml", "Job"), ("fake.yaml", "Deployment") })
        {
            var pod = Node(Single(file, kind), "spec", "template", "spec");
            var install = Only(pod, "initContainers");
            Strings(install, "command")[^1].ShouldStartWith("dotnet tool install StreamingHarness --tool-path /tools --add-source ");
            var volumes = ((YamlSequenceNode)Node(pod, "volumes")).Cast<YamlMappingNode>().ToDictionary(v => Text(v, "name"));
            foreach (var container in new[] { install, Only(pod, "containers") })
            {
                var mounts = ((YamlSequenceNode)Node(container, "volumeMounts")).Cast<YamlMappingNode>().ToList();
                mounts.ShouldAllBe(m => volumes.ContainsKey(Text(m, "name")), file);
                foreach (var reference in ((YamlSequenceNode?)Find(container, "env"))?.Cast<YamlMappingNode>() ?? [])
                {
                    RunConfig().ShouldContainKey(Text(reference, "valueFrom", "configMapKeyRef", "key"));
                    Text(reference, "valueFrom", "configMapKeyRef", "name")
                        .ShouldBe(Text(Single("run-config.yaml", "ConfigMap"), "metadata", "name"));
                }
            }

            if (volumes.TryGetValue("reports", out var reports))
            {
                Text(reports, "persistentVolumeClaim", "claimName").ShouldBe(claim);
            }
        }
    }

    [Fact]
    public void FakeService_SelectsTheDeploymentAndIsWhatTheShardsLoad()
    {
        var deployment = Single("fake.yaml", "Deployment");
        var service = Single("fake.yaml", "Service");
        var labels = Labels(Node(deployment, "spec", "selector", "matchLabels"));
        var container = Only(Node(deployment, "spec", "template", "spec"), "containers");
        var port = Only(container, "ports");
        var shardArgs = Strings(Only(Node(Single("shards-job.yaml", "Job"), "spec", "template", "spec"), "containers"), "args");
        var url = new Uri(Value(shardArgs, "--url"));

        Labels(Node(deployment, "spec", "template", "metadata", "labels")).ShouldBe(labels, ignoreOrder: true);
        Labels(Node(service, "spec", "selector")).ShouldBe(labels, ignoreOrder: true);
        Text(Only(service, "spec", "ports"), "targetPort").ShouldBe(Text(port, "name"));
        Strings(container, "args")[0].ShouldBe("fake");
        var servicePort = int.Parse(Text(Only(service, "spec", "ports"), "port"), CultureInfo.InvariantCulture);
        (url.Host, url.Port).ShouldBe((Text(service, "metadata", "name"), servicePort));
        Strings(container, "args").ShouldContain($"http://0.0.0.0:{Text(port, "containerPort")}");
    }

    private static Dictionary<string, string> RunConfig() =>
        Labels(Node(Single("run-config.yaml", "ConfigMap"), "data"));

    /// <summary>What Kubernetes would put in place of <c>$(VAR)</c>: the run's settings and this pod's index.</summary>
    private static string Substitute(string arg, int index) =>
        Variable().Replace(arg, m => m.Groups[1].Value == "JOB_COMPLETION_INDEX"
            ? index.ToString(CultureInfo.InvariantCulture)
            : RunConfig()[m.Groups[1].Value.ToLowerInvariant().Replace('_', '-')]);

    private static T? Get<T>(RootCommand root, ParseResult parse, string name) =>
        parse.GetValue(root.Options.OfType<Option<T>>().Single(o => o.Name == name));

    private static string Value(List<string> args, string option) => args[args.IndexOf(option) + 1];

    private static IEnumerable<string> Env(YamlMappingNode container) =>
        ((YamlSequenceNode)Node(container, "env")).Cast<YamlMappingNode>().Select(e => Text(e, "name"));

    private static Dictionary<string, string> Labels(YamlNode node) =>
        ((YamlMappingNode)node).ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!);

    private static IEnumerable<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(path));
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
    }

    private static YamlMappingNode Single(string file, string kind) =>
        Documents(Path.Combine(Folder, file)).Single(d => Text(d, "kind") == kind);

    private static YamlNode? Find(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    private static YamlNode Node(YamlNode node, params string[] path) =>
        Find(node, path) ?? throw new ShouldAssertException($"missing {string.Join(".", path)}");

    private static string Text(YamlNode node, params string[] path) =>
        (Node(node, path) as YamlScalarNode)?.Value ?? throw new ShouldAssertException($"{string.Join(".", path)} is not a value");

    private static YamlMappingNode Only(YamlNode node, params string[] path) =>
        (YamlMappingNode)((YamlSequenceNode)Node(node, path)).Children.ShouldHaveSingleItem();

    private static List<string> Strings(YamlNode node, params string[] path) =>
        [.. ((YamlSequenceNode)Node(node, path)).Children.Select(c => ((YamlScalarNode)c).Value!)];

    [GeneratedRegex(@"\$\(([A-Z_]+)\)")]
    private static partial Regex Variable();
}
