using Shouldly;
using StreamingHarness.Harness.Targets;

namespace StreamingHarness.Harness.Tests.Targets;

public sealed class ServerProgramTests
{
    [Fact]
    public void Dll_AssemblyPath_RunsUnderDotnet()
    {
        var dll = Path.Combine(Path.GetTempPath(), "bench", "StreamingHarness.FakeOllama.dll");

        var program = ServerProgram.Dll("fake", dll);

        program.FileName.ShouldBe("dotnet");
        program.LeadingArguments.ShouldBe([dll]);
        program.WorkingDirectory.ShouldBe(Path.GetDirectoryName(dll));
        program.MissingFile.ShouldBe(dll);
    }

    [Fact]
    public void Dll_NativeExecutable_RunsItself()
    {
        var native = Path.Combine(Path.GetTempPath(), "bench-aot", "StreamingHarness.FakeOllama");

        var program = ServerProgram.Dll("fake", native);

        program.FileName.ShouldBe(native);
        program.LeadingArguments.ShouldBeEmpty();
        program.WorkingDirectory.ShouldBe(Path.GetDirectoryName(native));
        program.MissingFile.ShouldBe(native);
    }
}
