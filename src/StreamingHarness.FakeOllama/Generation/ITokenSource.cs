using System.Diagnostics.CodeAnalysis;

namespace StreamingHarness.FakeOllama.Generation;

/// <summary>The tokens of one answer, produced one at a time so a long stream keeps constant memory.</summary>
internal interface ITokenSource
{
    bool TryNext([NotNullWhen(true)] out string? token);
}
