namespace StreamingHarness.FakeOllama.Recording;

/// <summary>How the upstream's response ended, as the recorder saw it; replay ends the same way.</summary>
public enum RecordedEnd
{
    /// <summary>A clean end: the chunked terminator, or every Content-Length byte.</summary>
    Completed,

    /// <summary>The upstream closed (FIN) before the body was complete: no chunked terminator.</summary>
    Eof,

    /// <summary>The upstream reset the connection (RST).</summary>
    Reset,

    /// <summary>The client went away first; the recording holds what had arrived until then and replays it cleanly.</summary>
    ClientLeft,
}
