using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Provider;
using System.Text;

namespace ZooKeeperPS;

/// <summary>
/// Get-Content of a znode: its data, read once, handed out as lines (without their line endings, as Get-Content
/// gives a file's), as one string with -Raw, or as bytes with -AsByteStream (one byte array with -Raw too).
/// </summary>
internal sealed class ZkContentReader : IContentReader
{
    private readonly byte[] _data;
    private readonly bool _bytes;
    private readonly bool _raw;
    private readonly string[] _lines;
    private int _next;

    public ZkContentReader(byte[] data, Encoding encoding, bool asByteStream, bool raw)
    {
        _data = data;
        _bytes = asByteStream;
        _raw = raw;
        _lines = asByteStream ? Array.Empty<string>() : SplitLines(encoding.GetString(data), raw);
    }

    public IList Read(long readCount)
    {
        var count = _bytes ? (_raw ? (_next == 0 ? 1 : 0) : _data.Length - _next) : _lines.Length - _next;
        var take = (int)(readCount <= 0 ? count : Math.Min(readCount, count));
        var items = new List<object>(take);
        if (_bytes && _raw)
        {
            if (take > 0)
            {
                items.Add(_data);
                _next = 1;
            }
            return items;
        }
        for (var i = 0; i < take; i++, _next++)
        {
            items.Add(_bytes ? _data[_next] : _lines[_next]);
        }
        return items;
    }

    public void Seek(long offset, SeekOrigin origin) =>
        throw new NotSupportedException("A znode's content is read as a whole; seeking is not supported.");

    public void Close()
    {
    }

    public void Dispose()
    {
    }

    private static string[] SplitLines(string text, bool raw)
    {
        if (raw)
        {
            return new[] { text };
        }
        if (text.Length == 0)
        {
            return Array.Empty<string>();
        }
        var lines = text.Replace("\r\n", "\n").Split('\n');
        return text.EndsWith("\n", StringComparison.Ordinal) ? lines.Take(lines.Length - 1).ToArray() : lines;
    }
}
