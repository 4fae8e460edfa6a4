using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>Writes a tree file (see <see cref="TreeFormat"/>) line by line: the header, each record, then the closing line.</summary>
public sealed class TreeFileWriter : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private readonly TextWriter _writer;
    private readonly IncrementalHash _checksum = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _ended;

    public TreeFileWriter(TextWriter writer, TreeHeader header)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _writer.Write(TreeFormat.HeaderLine(header));
        _writer.Write('\n');
    }

    /// <summary>How many records have been written.</summary>
    public long Count { get; private set; }

    public void Write(TreeRecord record)
    {
        var line = TreeFormat.RecordLine(record) + "\n";
        _checksum.AppendData(Utf8.GetBytes(line));
        _writer.Write(line);
        Count++;
    }

    /// <summary>Writes the closing line; a file without it reads as truncated.</summary>
    public void End()
    {
        if (_ended)
        {
            return;
        }
        _ended = true;
        _writer.Write(TreeFormat.EndLine(Count, Hex(_checksum.GetHashAndReset())));
        _writer.Write('\n');
        _writer.Flush();
    }

    internal static string Hex(byte[] hash)
    {
        var text = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
        {
            text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public void Dispose() => _checksum.Dispose();
}
