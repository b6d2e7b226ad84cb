namespace StreamingHarness.Testing.Fuzzing;

/// <summary>
/// One change to a valid body, drawn by CsCheck: what to do (<see cref="Kind"/>), where (<see cref="Where"/> picks
/// a position in the JSON tree, or in the text), which replacement (<see cref="What"/>) and how much (<see cref="Size"/>).
/// </summary>
public readonly record struct Mutation(MutationKind Kind, uint Where, int What, int Size);

/// <summary>The ways a body is broken, from the shapes real clients get wrong to bytes no client should send.</summary>
public enum MutationKind
{
    /// <summary>A field or array element removed.</summary>
    Delete,

    /// <summary>A value replaced by one of another type, or an edge value of its own type.</summary>
    Retype,

    /// <summary>A value wrapped in arrays or objects, up to a few hundred levels deep.</summary>
    Nest,

    /// <summary>A lone surrogate, NUL, quote or long run inserted into a string.</summary>
    SpliceString,

    /// <summary>A null inserted into an array.</summary>
    NullInArray,

    /// <summary>A field added (known names in odd places, odd names, names in another case).</summary>
    AddField,

    /// <summary>A string made empty, an array or object emptied.</summary>
    Empty,

    /// <summary>The body cut short at some byte.</summary>
    Truncate,

    /// <summary>One byte overwritten (JSON punctuation, or bytes that are not UTF-8).</summary>
    Corrupt,
}
