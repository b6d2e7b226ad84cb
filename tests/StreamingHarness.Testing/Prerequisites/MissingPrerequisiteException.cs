namespace StreamingHarness.Testing.Prerequisites;

/// <summary>
/// Something a test needs from the machine is not there (Node.js, the npm clients). The test fails with one line that
/// names it and says how to get it: no stack trace, because the test code is not at fault.
/// </summary>
public sealed class MissingPrerequisiteException(string message) : Exception(message)
{
    // xunit prints a stack trace only when the exception has one.
    public override string? StackTrace => null;
}
