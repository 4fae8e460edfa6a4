using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Protocol;

namespace ZooKeeperPS.Client.Connection;

/// <summary>
/// Splits the incoming byte stream into length-prefixed frames. Reads go into one large buffer so a burst of replies
/// is taken in few reads; a frame longer than the buffer grows it up to the frame limit, never beyond.
/// </summary>
internal sealed class FrameReader
{
    private const int DefaultBufferSize = 64 * 1024;
    private readonly Stream _stream;
    private readonly int _maxFrameLength;
    private byte[] _buffer = new byte[DefaultBufferSize];
    private int _start;
    private int _end;

    public FrameReader(Stream stream, int maxFrameLength)
    {
        _stream = stream;
        _maxFrameLength = maxFrameLength;
    }

    public byte[] Buffer => _buffer;

    /// <summary>Takes the next whole frame from the buffer, if there is one.</summary>
    public bool TryTakeFrame(out int offset, out int length)
    {
        offset = 0;
        length = 0;
        var available = _end - _start;
        if (available < 4) return false;
        var b = _buffer;
        var frameLength = (b[_start] << 24) | (b[_start + 1] << 16) | (b[_start + 2] << 8) | b[_start + 3];
        if (frameLength < 0)
            throw new ProtocolException($"The server sent a frame with a negative length ({frameLength}).");
        if (frameLength > _maxFrameLength)
            throw new ProtocolException($"The server sent a frame of {frameLength} bytes, over the limit of {_maxFrameLength} (MaxFrameLength).");
        if (available - 4 < frameLength)
        {
            MakeRoom(4 + frameLength);
            return false;
        }

        offset = _start + 4;
        length = frameLength;
        _start += 4 + frameLength;
        if (_start == _end) _start = _end = 0;
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

    /// <summary>Returns to the default buffer size once a big frame has been consumed and nothing is left unread.</summary>
    public void ShrinkIfIdle()
    {
        if (_buffer.Length > DefaultBufferSize && _start == _end) _buffer = new byte[DefaultBufferSize];
    }
}
