using System;
using System.Collections.Generic;
using System.Text;

namespace ZooKeeperPS.Client.Protocol;

/// <summary>Jute (ZooKeeper's record encoding) into a reusable, growing buffer; frames get their length prefix patched in.</summary>
internal sealed class JuteWriter
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private byte[] _buffer;
    private int _length;
    private int _frameStart = -1;

    public JuteWriter(int initialCapacity = 64 * 1024) => _buffer = new byte[initialCapacity];

    public byte[] Buffer => _buffer;

    public int Length => _length;

    public void Reset() => _length = 0;

    /// <summary>Starts a frame: reserves the 4-byte length, which <see cref="EndFrame"/> fills in.</summary>
    public void BeginFrame()
    {
        _frameStart = _length;
        WriteInt(0);
    }

    /// <summary>Fills in the frame's length and returns it (the bytes after the prefix).</summary>
    public int EndFrame()
    {
        var bodyLength = _length - _frameStart - 4;
        PutInt(_frameStart, bodyLength);
        _frameStart = -1;
        return bodyLength;
    }

    /// <summary>Takes back everything written after <paramref name="length"/> bytes (a frame that must not be sent).</summary>
    public void Truncate(int length) => _length = length;

    public void WriteInt(int value)
    {
        Ensure(4);
        PutInt(_length, value);
        _length += 4;
    }

    public void WriteLong(long value)
    {
        Ensure(8);
        PutInt(_length, (int)(value >> 32));
        PutInt(_length + 4, (int)value);
        _length += 8;
    }

    public void WriteBool(bool value)
    {
        Ensure(1);
        _buffer[_length++] = value ? (byte)1 : (byte)0;
    }

    /// <summary>A jute buffer: length + bytes, -1 for null.</summary>
    public void WriteBuffer(byte[]? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }

        WriteInt(value.Length);
        Ensure(value.Length);
        System.Buffer.BlockCopy(value, 0, _buffer, _length, value.Length);
        _length += value.Length;
    }

    /// <summary>A jute ustring: UTF-8 length + bytes, -1 for null.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }

        Ensure(4 + Utf8.GetMaxByteCount(value.Length));
        var written = Utf8.GetBytes(value, 0, value.Length, _buffer, _length + 4);
        PutInt(_length, written);
        _length += 4 + written;
    }

    public void WriteStrings(IReadOnlyCollection<string>? values)
    {
        if (values is null)
        {
            WriteInt(-1);
            return;
        }

        WriteInt(values.Count);
        foreach (var value in values) WriteString(value);
    }

    public void WriteAcl(IReadOnlyList<Acl> acl)
    {
        WriteInt(acl.Count);
        foreach (var entry in acl)
        {
            WriteInt((int)entry.Perms);
            WriteString(entry.Id.Scheme);
            WriteString(entry.Id.Identity);
        }
    }

    private void PutInt(int offset, int value)
    {
        _buffer[offset] = (byte)(value >> 24);
        _buffer[offset + 1] = (byte)(value >> 16);
        _buffer[offset + 2] = (byte)(value >> 8);
        _buffer[offset + 3] = (byte)value;
    }

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length) return;
        var grown = new byte[Math.Max(_buffer.Length * 2, _length + extra)];
        System.Buffer.BlockCopy(_buffer, 0, grown, 0, _length);
        _buffer = grown;
    }
}
