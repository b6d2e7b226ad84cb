using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StreamingHarness.Testing.Docs;

namespace StreamingHarness.Client.Tests.Docs;

/// <summary>
/// Compiles a C# snippet of the documentation as a console program (top-level statements, the SDK's implicit usings)
/// against .NET itself and only the packages its marker names, with their dependencies: a snippet that needs a package
/// the documentation does not state fails to compile here, as it would for a reader.
/// </summary>
internal static class SnippetCompiler
{
    private const string ImplicitUsings =
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; "
        + "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    public static Assembly Compile(Snippet snippet, string code)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Snippet" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(ImplicitUsings, options), CSharpSyntaxTree.ParseText(code, options, snippet.Where)],
            References(snippet.Needs),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        return errors.Count == 0
            ? Assembly.Load(image.ToArray())
            : throw new InvalidOperationException(
                $"{snippet.Where} does not compile against .NET and {string.Join(", ", snippet.Needs)}:\n" + string.Join('\n', errors));
    }

    /// <summary>.NET's own assemblies, each named package's assembly, and what those reference, from the tests' folder.</summary>
    private static List<MetadataReference> References(IReadOnlyList<string> packages)
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = Directory.EnumerateFiles(runtime, "*.dll").Where(IsManaged).ToHashSet();
        var pending = new Stack<string>(packages);
        while (pending.TryPop(out var name))
        {
            var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            if (!File.Exists(path) || !paths.Add(path))
            {
                continue;
            }

            foreach (var reference in Referenced(path))
            {
                pending.Push(reference);
            }
        }

        return [.. paths.Select(p => MetadataReference.CreateFromFile(p))];
    }

    private static IEnumerable<string> Referenced(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        var metadata = reader.GetMetadataReader();
        return [.. metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))];
    }

    private static bool IsManaged(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        return reader.HasMetadata;
    }
}
