using System.Buffers;

namespace StreamingHarness.Relay.Caching;

/// <summary>
/// Passes writes through to the stream's buffer and keeps a copy of every byte, up to a limit; past it the copy is
/// dropped (the stream is too long to cache) and writes only pass through. The platform has no tee for
/// <see cref="IBufferWriter{T}"/>, hence this one.
/// </summary>
internal sealed class RecordingBufferWriter(int maxBytes) : IBufferWriter<byte>
{
    private ArrayBufferWriter<byte>? _copy = new();
    private IBufferWriter<byte>? _target;
    private Memory<byte> _lastMemory;

    /// <summary>False once the stream outgrew the limit.</summary>
    public bool Kept => _copy is not null;

    public int Recorded => _copy?.WrittenCount ?? 0;

    public ReadOnlySpan<byte> Written => _copy is null ? default : _copy.WrittenSpan;

    /// <summary>Points the writer at this call's target (the format's methods each get one).</summary>
    public RecordingBufferWriter On(IBufferWriter<byte> target)
    {
        _target = target;
        return this;
    }

    private IBufferWriter<byte> Target => _target ?? throw new InvalidOperationException("On(target) first");

    public Memory<byte> GetMemory(int sizeHint = 0) => _lastMemory = Target.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public void Advance(int count)
    {
        if (_copy is not null)
        {
            if (_copy.WrittenCount + count > maxBytes)
            {
                _copy = null;
            }
            else
            {
                _copy.Write(_lastMemory.Span[..count]);
            }
        }

        Target.Advance(count);
    }
}
