using Shouldly;
using StreamingHarness.Protocol.Streams;

namespace StreamingHarness.Protocol.Tests.Streams;

public sealed class NativeToolCallReaderTests
{
    [Fact]
    public void Read_WholeCall_KeepsIdNameAndArguments()
    {
        var calls = NativeToolCallReader.Read(
            """[{"id":"call_k3j9x2ab","function":{"index":0,"name":"get_weather","arguments":{"city":"Tokyo"}}}]"""u8, callsBefore: 4);

        var call = calls.ShouldHaveSingleItem();
        (call.Id, call.Name, call.Arguments.GetRawText()).ShouldBe(("call_k3j9x2ab", "get_weather", """{"city":"Tokyo"}"""));
    }

    [Fact]
    public void Read_NoIdNoNameNoArguments_FallsBackToTheStreamsCallNumber()
    {
        var calls = NativeToolCallReader.Read("""[{"function":{"name":"a","arguments":"{}"}},{"function":7},{}]"""u8, callsBefore: 2);

        calls.Select(c => (c.Id, c.Name, c.Arguments.GetRawText())).ShouldBe(
        [
            ("call_2", "a", "{}"),
            ("call_3", "", "{}"),
            ("call_4", "", "{}"),
        ]);
    }

    [Fact]
    public void Read_NotAnArray_IsNoCalls() => NativeToolCallReader.Read("""{"id":"x"}"""u8, 0).ShouldBeEmpty();
}
