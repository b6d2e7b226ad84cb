namespace StreamingHarness.Harness.Probes;

/// <summary>The stream broke its protocol: a missing terminal, data after the terminal, a malformed event.</summary>
internal sealed class StreamProtocolException : Exception
{
    public StreamProtocolException(string message)
        : base(message)
    {
    }

    public StreamProtocolException()
    {
    }

    public StreamProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
