using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Protocol;

namespace ZooKeeperPS.Client.Connection;

/// <summary>
/// Splits the incoming byte stream into length-prefixed frames. Reads go into one large buffer so a burst of replies
/// is taken in few reads; a frame longer than the buffer grows it up to the frame limit (jute.maxbuffer), never
/// beyond. A longer frame is a protocol error unless <see cref="DiscardOversized"/> accepts it: its bytes are then
/// dropped as they arrive, never held. <see cref="CompleteFrames"/> counts whole frames (taken or dropped), which is
/// what proves the connection alive: bytes alone can be the middle of a frame that never ends.
/// </summary>
internal sealed class FrameReader
{
    private const int DefaultBufferSize = 64 * 1024;
    private readonly Stream _stream;
    private readonly int _maxFrameLength;
    private byte[] _buffer = new byte[DefaultBufferSize];
    private int _start;
    private int _end;
    private long _discarding;

    public FrameReader(Stream stream, int maxFrameLength)
    {
        _stream = stream;
        _maxFrameLength = maxFrameLength;
    }

    public byte[] Buffer => _buffer;

    /// <summary>Whole frames seen so far, taken or dropped.</summary>
    public long CompleteFrames { get; private set; }

    /// <summary>
    /// Asked with the xid and length of a frame over the limit: true drops the frame (the caller has failed the
    /// request it answers), false makes it a protocol error. Null: every such frame is a protocol error.
    /// </summary>
    public Func<int, int, bool>? DiscardOversized { get; set; }

    /// <summary>Takes the next whole frame from the buffer, if there is one.</summary>
    public bool TryTakeFrame(out int offset, out int length)
    {
        offset = 0;
        length = 0;
        if (!SkipDiscarded()) return false;
        var available = _end - _start;
        if (available < 4) return false;
        var frameLength = ReadInt(_start);
        if (frameLength < 0)
            throw new ProtocolException($"The server sent a frame with a negative length ({frameLength}).");
        if (frameLength > _maxFrameLength)
        {
            if (available < 8)
            {
                MakeRoom(8);
                return false; // the xid decides
            }

            if (DiscardOversized?.Invoke(ReadInt(_start + 4), frameLength) != true)
                throw new ProtocolException($"The server sent a frame of {frameLength:n0} bytes, over the limit of {_maxFrameLength:n0} bytes (JuteMaxBuffer).");
            _discarding = 4L + frameLength;
            return TryTakeFrame(out offset, out length);
        }

        if (available - 4 < frameLength)
        {
            MakeRoom(4 + frameLength);
            return false;
        }

        offset = _start + 4;
        length = frameLength;
        _start += 4 + frameLength;
        if (_start == _end) _start = _end = 0;
        CompleteFrames++;
        return true;
    }

    /// <summary>Reads more bytes from the socket; the end of the stream is a connection error.</summary>
    public async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_end == _buffer.Length) MakeRoom(_end - _start + 1);
        var read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
        if (read <= 0) throw new EndOfStreamException("The server closed the connection.");
        _end += read;
    }

    /// <summary>Frame offsets stay valid only until the next <see cref="FillAsync"/>: the buffer may move then.</summary>
    private void MakeRoom(int needed)
    {
        if (_buffer.Length - _start >= needed) return;
        var unread = _end - _start;
        if (_buffer.Length >= needed)
        {
            System.Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
        }
        else
        {
            // Grow for one big frame; ShrinkIfIdle gives the memory back so one large reply does not pin it for the connection's life.
            var grown = new byte[Math.Max(needed, DefaultBufferSize)];
            System.Buffer.BlockCopy(_buffer, _start, grown, 0, unread);
            _buffer = grown;
        }

        _start = 0;
        _end = unread;
    }

    /// <summary>Drops what has arrived of a frame being discarded; true once none is left to drop.</summary>
    private bool SkipDiscarded()
    {
        if (_discarding == 0) return true;
        var dropped = (int)Math.Min(_discarding, _end - _start);
        _start += dropped;
        _discarding -= dropped;
        if (_start == _end) _start = _end = 0;
        if (_discarding > 0) return false;
        CompleteFrames++;
        return true;
    }

    private int ReadInt(int at) => (_buffer[at] << 24) | (_buffer[at + 1] << 16) | (_buffer[at + 2] << 8) | _buffer[at + 3];

    /// <summary>Returns to the default buffer size once a big frame has been consumed and nothing is left unread.</summary>
    public void ShrinkIfIdle()
    {
        if (_buffer.Length > DefaultBufferSize && _start == _end) _buffer = new byte[DefaultBufferSize];
    }
}
