using System.Text;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>
/// Deterministic stand-in embeddings: the same model and text always give the same unit-length (L2-normalised)
/// float32 vector; different texts give different ones. The text is its UTF-8 bytes, as a request body carries them, so
/// a large input is hashed where it lies.
/// </summary>
internal static class EmbeddingVectors
{
    public static float[] For(string model, ReadOnlySpan<byte> utf8, int dimensions)
    {
        var random = new Random(StableHash(model, utf8));
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

    /// <summary>
    /// FNV-1a over the UTF-8 of the model, a line feed and the text: string.GetHashCode changes per process, this does not.
    /// </summary>
    private static int StableHash(string model, ReadOnlySpan<byte> utf8) =>
        unchecked((int)Fnv1a(Fnv1a(2166136261, Encoding.UTF8.GetBytes(model + "\n")), utf8));

    private static uint Fnv1a(uint hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }
}
