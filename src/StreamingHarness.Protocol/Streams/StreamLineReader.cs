using System.Text.Json;

namespace StreamingHarness.Protocol.Streams;

/// <summary>Reads one payload the reader has just entered (on its <c>{</c>) into the shared vocabulary.</summary>
internal delegate StreamLine StreamLineReader(ref Utf8JsonReader reader);
