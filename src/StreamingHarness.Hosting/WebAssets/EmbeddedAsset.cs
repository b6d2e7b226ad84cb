using System.Collections.Concurrent;
using System.Reflection;

namespace StreamingHarness.Hosting.WebAssets;

/// <summary>
/// A static file of a live page (html, js, css), embedded in an assembly under the logical name <c>wwwroot/&lt;file&gt;</c>,
/// so the pages work from a packed tool and offline: no front-end build, no files beside the program.
/// The Embedded file provider would need its MSBuild manifest package; reading a resource stream is all this needs.
/// </summary>
public sealed record EmbeddedAsset(string Name, string ContentType, byte[] Content)
{
    private static readonly ConcurrentDictionary<(Assembly, string), EmbeddedAsset?> Cache = new();

    /// <summary>
    /// The file <paramref name="name"/> embedded in <paramref name="assembly"/>, or null (also for any path with a folder).
    /// </summary>
    public static EmbeddedAsset? Find(Assembly assembly, string name)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        return Cache.GetOrAdd((assembly, name), static key => Load(key.Item1, key.Item2));
    }

    /// <summary>A file of a page: from <paramref name="page"/>'s assembly, else one shared by every page (uPlot).</summary>
    public static EmbeddedAsset? ForPage(Assembly page, string name) => Find(page, name) ?? Find(typeof(EmbeddedAsset).Assembly, name);

    /// <summary>The text of an embedded file, for pages that inline it (the self-contained report).</summary>
    public static string Text(Assembly assembly, string name) =>
        Find(assembly, name) is { } asset
            ? System.Text.Encoding.UTF8.GetString(asset.Content)
            : throw new InvalidOperationException($"{assembly.GetName().Name} embeds no wwwroot/{name}");

    private static EmbeddedAsset? Load(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream("wwwroot/" + name);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new EmbeddedAsset(name, ContentTypeOf(name), copy.ToArray());
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
