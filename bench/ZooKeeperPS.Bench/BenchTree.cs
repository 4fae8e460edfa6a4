using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ZooKeeperPS.Bench;

/// <summary>
/// The benchmark's tree: /bench/d000../bench/d099, each with N/100 leaves of 64 bytes. The same names and values as
/// bench/kazoo_bench.py and the cmdlet contender, so every contender does the same work.
/// </summary>
public sealed class BenchTree
{
    public const string Root = "/bench";
    public const int FolderCount = 100;

    /// <summary>What W1 writes into every leaf.</summary>
    public static readonly byte[] CreatedValue = Encoding.ASCII.GetBytes(new string('c', 64));

    /// <summary>What W4 overwrites it with.</summary>
    public static readonly byte[] UpdatedValue = Encoding.ASCII.GetBytes(new string('u', 64));

    public BenchTree(int leafCount)
    {
        if (leafCount < FolderCount || leafCount % FolderCount != 0)
        {
            throw new ArgumentException($"N must be a positive multiple of {FolderCount}, not {leafCount}.");
        }

        LeavesPerFolder = leafCount / FolderCount;
        Folders = Enumerable.Range(0, FolderCount).Select(i => $"{Root}/d{i:D3}").ToArray();
        Leaves = Folders.SelectMany(folder => Enumerable.Range(0, LeavesPerFolder).Select(j => $"{folder}/n{j:D5}")).ToArray();
        AllNodes = new[] { Root }.Concat(Folders).Concat(Leaves).ToArray();
    }

    public int LeavesPerFolder { get; }

    public IReadOnlyList<string> Folders { get; }

    public IReadOnlyList<string> Leaves { get; }

    /// <summary>The nodes below /bench: what a recursive listing yields.</summary>
    public int NodesBelowRoot => Folders.Count + Leaves.Count;

    /// <summary>Every node, /bench first, then the folders, then the leaves: what W1 creates and W5 deletes.</summary>
    public IReadOnlyList<string> AllNodes { get; }

    /// <summary>The value W1 gives a node: nothing for /bench and the folders, <see cref="CreatedValue"/> for leaves.</summary>
    public static byte[] InitialValue(int nodeIndex) => nodeIndex <= FolderCount ? Array.Empty<byte>() : CreatedValue;
}
