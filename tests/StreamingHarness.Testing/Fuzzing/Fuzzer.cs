using System.Collections.Concurrent;
using CsCheck;

namespace StreamingHarness.Testing.Fuzzing;

/// <summary>
/// Runs a seeded batch of <see cref="FuzzCase"/>s against a server and collects every failure. The bodies come from
/// one PCG stream in order, so a seed names a batch exactly; they are sent a few at a time, as real clients would.
/// </summary>
public static class Fuzzer
{
    /// <summary>The bodies of a run: the same seed and count give the same bodies.</summary>
    public static IReadOnlyList<FuzzCase> Cases(IReadOnlyList<FuzzTarget> targets, int count, ulong seed)
    {
        var gen = BodyMutator.Cases(targets);
        var pcg = new PCG(1, seed);
        var cases = new FuzzCase[count];
        for (var i = 0; i < count; i++)
        {
            cases[i] = gen.Generate(pcg, null, out _);
        }

        return cases;
    }

    /// <summary>
    /// Sends every case through <paramref name="check"/> (null = fine, else what went wrong) and returns a report of
    /// the failures, grouped by what went wrong with one body each: empty when all passed.
    /// </summary>
    public static async Task<string> RunAsync(
        IReadOnlyList<FuzzCase> cases, Func<FuzzCase, CancellationToken, Task<string?>> check, CancellationToken cancellationToken,
        int parallelism = 4)
    {
        var failures = new ConcurrentBag<(int Index, FuzzCase Case, string Problem)>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, cases.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                string? problem;
                try
                {
                    problem = await check(cases[i], ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    problem = $"{ex.GetType().Name}: {ex.Message}";
                }

                if (problem is not null)
                {
                    failures.Add((i, cases[i], problem));
                }
            });

        if (failures.IsEmpty)
        {
            return "";
        }

        var groups = failures.OrderBy(f => f.Index).GroupBy(f => f.Problem.Length > 160 ? f.Problem[..160] : f.Problem).ToList();
        return $"{failures.Count} of {cases.Count} bodies failed (seed {FuzzSettings.Seed}):\n" + string.Join(
            "\n",
            groups.Take(20).Select(g => $"- {g.Count()}x {g.Key}\n  e.g. #{g.First().Index} {Clip(g.First().Case.ToString())}"));
    }

    private static string Clip(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
