using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StreamingHarness.FakeOllama.Recording;

/// <summary>
/// Saves recordings as <c>&lt;name&gt;.yaml</c>: written to a temporary file in the same folder, flushed to disk, then
/// renamed without overwriting (a taken name gets <c>-2</c>, <c>-3</c>, ...), so a file is either whole or absent and
/// no recording replaces another.
/// </summary>
internal static partial class RecordingStore
{
    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex Unsafe();

    /// <summary>A file name made of letters, digits, '.', '_' and '-' only; never empty.</summary>
    public static string SafeName(string name)
    {
        var safe = Unsafe().Replace(name, "-").TrimStart('.', '-').TrimEnd('.');
        return safe.Length == 0 ? "recording" : safe;
    }

    /// <summary>
    /// <c>&lt;model&gt;-&lt;endpoint&gt;-&lt;UTC time&gt;</c>, e.g. <c>llama3.2-chat-20251026-172121-042</c>.
    /// </summary>
    public static string DefaultName(RecordedRequest request, DateTimeOffset now)
    {
        var model = string.IsNullOrWhiteSpace(request.Model) ? "unknown" : request.Model.Replace(":latest", "", StringComparison.Ordinal);
        var endpoint = request.Path.TrimEnd('/')[(request.Path.TrimEnd('/').LastIndexOf('/') + 1)..];
        return SafeName($"{model}-{endpoint}-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}");
    }

    /// <summary>Writes <paramref name="yaml"/> as <c>name.yaml</c> (or the first free <c>name-N.yaml</c>); returns the path.</summary>
    public static string Save(string directory, string name, string yaml)
    {
        Directory.CreateDirectory(directory);
        name = SafeName(name);
        var temporary = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
        using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(Encoding.UTF8.GetBytes(yaml));
            file.Flush(flushToDisk: true);
        }

        for (var attempt = 1; ; attempt++)
        {
            var path = Path.Combine(directory, attempt == 1 ? $"{name}.yaml" : $"{name}-{attempt}.yaml");
            if (File.Exists(path))
            {
                continue;
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
                return path;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another recording took this name between the check and the move: try the next one.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The recording stays whole in the temporary file rather than being lost.
                throw new IOException($"could not rename the recording to {path}; it is kept as {temporary}: {ex.Message}", ex);
            }
        }
    }
}
