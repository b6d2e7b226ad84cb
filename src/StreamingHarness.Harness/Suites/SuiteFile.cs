using System.Diagnostics.CodeAnalysis;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace StreamingHarness.Harness.Suites;

/// <summary>
/// Suites from a YAML file: <c>suites:</c> followed by a list of suite definitions (the same fields as the built-in
/// ones, snake_case; fields left out keep their defaults). Unknown keys and wrong types are reported with the file
/// and line; invalid values with the file, the suite and the field.
/// </summary>
internal static class SuiteFile
{
    // YamlDotNet 16 binds by reflection. Published Native AOT (scripts/side-by-side.sh), the harness keeps these types'
    // constructors and properties whole, so the binding finds them; reference-type generics (List<T>) need no new code.
    // Its static generator (Vecc.YamlDotNet.Analyzers.StaticGenerator) needs YamlDotNet 18.
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(SuiteFileModel))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(SuiteDefinition))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(MixDefinition))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(LoadDefinition))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(TimeoutDefinition))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(SloDefinition))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(MemoryDefinition))]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The bound types are kept whole above.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The bound types are kept whole above.")]
    public static IReadOnlyList<SuiteDefinition> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"suite file {path} does not exist.", path);
        }

        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        SuiteFileModel model;
        try
        {
            using var reader = File.OpenText(path);
            model = deserializer.Deserialize<SuiteFileModel>(reader) ?? new SuiteFileModel();
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            throw new FormatException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {reason}", ex);
        }

        if (model.Suites.Count == 0)
        {
            throw new FormatException($"{path}: no suites; the file needs 'suites:' with at least one entry.");
        }

        for (var i = 0; i < model.Suites.Count; i++)
        {
            var suite = model.Suites[i];
            if (string.IsNullOrWhiteSpace(suite.Name))
            {
                throw new FormatException($"{path}: suite #{i + 1} has no name.");
            }

            try
            {
                _ = RunPlan.From(suite);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{path}: suite '{suite.Name}': {ex.Message}", ex);
            }
        }

        return model.Suites;
    }

    private sealed class SuiteFileModel
    {
        public List<SuiteDefinition> Suites { get; set; } = [];
    }
}
