namespace StreamingHarness.FakeOllama.Faults;

/// <summary>What <see cref="AfterDoneFault"/> writes after the end of a stream.</summary>
public enum AfterDoneExtra
{
    /// <summary>The final line again: a second <c>done:true</c> (the finish chunk on <c>/v1</c>).</summary>
    Done,

    /// <summary>The last token line again, after the end.</summary>
    Content,
}
