using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Shouldly;
using StreamingHarness.Harness.Suites;

namespace StreamingHarness.Harness.Tests.Suites;

/// <summary>
/// The Native AOT harness (scripts/side-by-side.sh) binds suite files by reflection only on the types
/// <see cref="SuiteFile.Load"/> keeps whole with <see cref="DynamicDependencyAttribute"/>; a field whose type is left off
/// that list reads as empty there, and only there. This walks the types the file binds to and names any left off.
/// </summary>
public sealed class SuiteFileAotTests
{
    [Fact]
    public void Load_KeepsEveryTypeItBindsWhole()
    {
        var kept = typeof(SuiteFile).GetMethod(nameof(SuiteFile.Load))!
            .GetCustomAttributes<DynamicDependencyAttribute>()
            .Select(a => a.Type)
            .ToHashSet();
        var model = typeof(SuiteFile).GetNestedType("SuiteFileModel", BindingFlags.NonPublic)!;

        var bound = BoundTypes(model);

        bound.ShouldContain(typeof(SuiteDefinition));
        bound.Where(t => !kept.Contains(t)).Select(t => t.Name).ShouldBeEmpty();
    }

    /// <summary>Our types reachable from <paramref name="root"/> through settable properties, list elements included.</summary>
    private static HashSet<Type> BoundTypes(Type root)
    {
        var found = new HashSet<Type>();
        var pending = new Queue<Type>([root]);
        while (pending.TryDequeue(out var type))
        {
            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    pending.Enqueue(argument);
                }

                continue;
            }

            if (type.Assembly != root.Assembly || type.IsEnum || !found.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                pending.Enqueue(property.PropertyType);
            }
        }

        return found;
    }
}
