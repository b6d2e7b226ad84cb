namespace StreamingHarness.FakeOllama.Faults;

/// <summary>How <see cref="WrongTypesFault"/> damages a line's shape while keeping it valid JSON.</summary>
public enum TypeMutation
{
    /// <summary>No <c>message</c> (chat), no <c>response</c> (generate), no <c>choices</c> (<c>/v1</c>).</summary>
    MissingMessage,

    /// <summary>The text is a number: <c>"content":42</c>.</summary>
    NumberContent,

    /// <summary>The text is null: <c>"content":null</c>.</summary>
    NullContent,

    /// <summary><c>"done":"false"</c> / <c>"done":"true"</c>, a string instead of a boolean (native only).</summary>
    StringDone,

    /// <summary>The final line's counts are strings: <c>"eval_count":"12"</c> (native) or usage tokens (<c>/v1</c>).</summary>
    StringCounts,
}
