using System.Text.Json.Serialization;

namespace StreamingHarness.FakeOllama.Endpoints.BodyText;

/// <summary>Where a JSON value of any kind lies in the document it was read from, as written; default when absent.</summary>
/// <param name="Start">Offset of the value's first byte.</param>
/// <param name="Length">Length of the value as written (a string's quotes included).</param>
[JsonConverter(typeof(JsonValueRangeConverter))]
internal readonly record struct JsonValueRange(int Start, int Length);
