using System.Text;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// Deterministic stand-in embeddings: the same model and text always give the same unit-length (L2-normalised)
/// float32 vector; different texts give different ones.
/// </summary>
internal static class EmbeddingVectors
{
    public static float[] For(string model, string text, int dimensions)
    {
        var random = new Random(StableHash(model + "\n" + text));
        var vector = new float[dimensions];
        double sumOfSquares = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            var value = (random.NextDouble() * 2) - 1;
            vector[i] = (float)value;
            sumOfSquares += value * value;
        }

        var norm = (float)Math.Sqrt(sumOfSquares);
        for (var i = 0; i < vector.Length && norm > 0; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }

    /// <summary>FNV-1a over UTF-8: string.GetHashCode changes per process, this does not.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619;
        }

        return unchecked((int)hash);
    }
}
