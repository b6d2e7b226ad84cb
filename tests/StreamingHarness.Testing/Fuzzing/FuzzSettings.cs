using System.Globalization;

namespace StreamingHarness.Testing.Fuzzing;

/// <summary>
/// How many bodies a fuzz test sends, and from which seed. CI runs the bounded default; <c>FUZZ_ITERATIONS</c> and
/// <c>FUZZ_SEED</c> (environment) make a long or different run: <c>FUZZ_ITERATIONS=10000 dotnet test --filter Fuzz</c>.
/// </summary>
public static class FuzzSettings
{
    /// <summary>The seed of CI's pass: the same bodies every run, so that a failure reproduces.</summary>
    public const ulong DefaultSeed = 20261130;

    /// <summary><c>FUZZ_ITERATIONS</c> when set, else <paramref name="ciDefault"/>.</summary>
    public static int Iterations(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n > 0
            ? n
            : ciDefault;

    /// <summary><c>FUZZ_SEED</c> (a number) when set, else <see cref="DefaultSeed"/>.</summary>
    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : DefaultSeed;
}
