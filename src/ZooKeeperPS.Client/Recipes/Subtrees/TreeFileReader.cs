using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// Reads a tree file (see <see cref="TreeFormat"/>) as a stream of records: the header at once, the records as they
/// are enumerated, and at the end the closing line's count and checksum are checked, so a truncated or damaged file
/// fails (with <see cref="InvalidDataException"/>) after its last good record.
/// </summary>
public sealed class TreeFileReader
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private readonly TextReader _reader;
    private int _line = 1;

    public TreeFileReader(TextReader reader)
    {
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        var first = reader.ReadLine() ?? throw new InvalidDataException("The tree file is empty.");
        Header = TreeFormat.ParseHeader(first.TrimStart('\uFEFF'));
    }

    public TreeHeader Header { get; }

    /// <summary>The records, in the file's order (parents before children). Enumerate once.</summary>
    public IEnumerable<TreeRecord> Records()
    {
        using var checksum = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long count = 0;
        string? line;
        while ((line = _reader.ReadLine()) is not null)
        {
            _line++;
            if (line.Length == 0)
            {
                continue;
            }
            if (TreeFormat.TryParseEnd(line, out var nodes, out var sha256))
            {
                if (nodes != count || !string.Equals(sha256, TreeFileWriter.Hex(checksum.GetHashAndReset()), StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidDataException(
                        $"The tree file is damaged: its closing line says {nodes} nodes and checksum {sha256}, the file holds {count} nodes with another checksum.");
                }
                yield break;
            }
            TreeRecord record;
            try
            {
                record = TreeFormat.ParseRecord(line);
            }
            catch (Exception bad) when (bad is InvalidDataException or FormatException)
            {
                throw new InvalidDataException($"Line {_line} of the tree file: {bad.Message}", bad);
            }
            checksum.AppendData(Utf8.GetBytes(line + "\n"));
            count++;
            yield return record;
        }
        throw new InvalidDataException($"The tree file ends after {count} nodes without its closing line: it is truncated.");
    }
}
