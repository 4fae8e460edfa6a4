using System;
using System.Collections.Generic;
using System.Text;

namespace ZooKeeperPS.Client.Protocol;

/// <summary>
/// Jute decoding of one frame. Every length is checked against the frame's end and every string must be UTF-8 (the
/// server writes nothing else), so a bad record is a <see cref="ProtocolException"/>, never an overrun, a huge
/// allocation or a string with replacement characters.
/// </summary>
internal sealed class JuteReader
{
    private static readonly UTF8Encoding Utf8 = new(false, throwOnInvalidBytes: true);
    private byte[] _buffer = Array.Empty<byte>();
    private int _position;
    private int _end;

    public void Reset(byte[] buffer, int offset, int count)
    {
        _buffer = buffer;
        _position = offset;
        _end = offset + count;
    }

    public int Remaining => _end - _position;

    public int ReadInt()
    {
        Need(4);
        var b = _buffer;
        var p = _position;
        _position += 4;
        return (b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3];
    }

    public long ReadLong()
    {
        var high = (long)ReadInt();
        var low = (uint)ReadInt();
        return (high << 32) | low;
    }

    public bool ReadBool()
    {
        Need(1);
        return _buffer[_position++] != 0;
    }

    public byte[]? ReadBuffer()
    {
        var length = ReadLength("buffer");
        if (length < 0) return null;
        var value = new byte[length];
        System.Buffer.BlockCopy(_buffer, _position, value, 0, length);
        _position += length;
        return value;
    }

    public string? ReadString()
    {
        var length = ReadLength("string");
        if (length < 0) return null;
        string value;
        try
        {
            value = Utf8.GetString(_buffer, _position, length);
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolException($"Malformed string: {length} bytes that are not UTF-8.");
        }

        _position += length;
        return value;
    }

    /// <summary>A non-null string (the server never sends null where this is used; null becomes empty).</summary>
    public string ReadRequiredString() => ReadString() ?? "";

    public IReadOnlyList<string> ReadStrings()
    {
        var count = ReadCount("vector");
        if (count <= 0) return Array.Empty<string>();
        var values = new string[count];
        for (var i = 0; i < count; i++) values[i] = ReadRequiredString();
        return values;
    }

    public Stat ReadStat() => new(
        czxid: ReadLong(), mzxid: ReadLong(), ctime: ReadLong(), mtime: ReadLong(),
        version: ReadInt(), cversion: ReadInt(), aversion: ReadInt(), ephemeralOwner: ReadLong(),
        dataLength: ReadInt(), numChildren: ReadInt(), pzxid: ReadLong());

    public IReadOnlyList<Acl> ReadAcl()
    {
        var count = ReadCount("ACL vector");
        if (count <= 0) return Array.Empty<Acl>();
        var acl = new Acl[count];
        for (var i = 0; i < count; i++)
        {
            var perms = (Perms)ReadInt();
            acl[i] = new Acl(perms, new Id(ReadRequiredString(), ReadRequiredString()));
        }

        return acl;
    }

    /// <summary>A record must take its whole frame: bytes left over mean the frame is not what its type says.</summary>
    public void EnsureConsumed(string what)
    {
        if (Remaining != 0)
            throw new ProtocolException($"Malformed {what}: {Remaining} bytes left in the frame after the record.");
    }

    /// <summary>A vector count: -1 (null), or no more than the bytes left (every item takes at least one byte).</summary>
    private int ReadCount(string what)
    {
        var count = ReadInt();
        if (count < -1 || count > Remaining)
            throw new ProtocolException($"Malformed {what}: count {count} with {Remaining} bytes left in the frame.");
        return count;
    }

    private int ReadLength(string what)
    {
        var length = ReadInt();
        if (length < -1 || length > Remaining)
            throw new ProtocolException($"Malformed {what}: length {length} with {Remaining} bytes left in the frame.");
        return length;
    }

    private void Need(int count)
    {
        if (_end - _position < count)
            throw new ProtocolException($"Truncated record: needed {count} bytes, {_end - _position} left in the frame.");
    }
}
