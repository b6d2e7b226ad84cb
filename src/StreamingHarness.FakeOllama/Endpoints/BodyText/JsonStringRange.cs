using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>Where a JSON string's value lies in the document it was read from, quotes excluded; default for null.</summary>
/// <param name="Start">Offset of the value's first byte.</param>
/// <param name="Length">Length of the value as written, escapes included.</param>
/// <param name="IsEscaped">The value has escapes (<c>\n</c>, <c>\u00e9</c>) to undo before it is text.</param>
[JsonConverter(typeof(JsonStringRangeConverter))]
internal readonly record struct JsonStringRange(int Start, int Length, bool IsEscaped);
