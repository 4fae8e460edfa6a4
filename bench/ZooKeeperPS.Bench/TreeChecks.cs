using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Bench;

/// <summary>Checks of counts and data after each workload; never timed. Throws <see cref="BenchmarkFailure"/>.</summary>
public sealed class TreeChecks
{
    private readonly ZooKeeperClient client;
    private readonly BenchTree tree;

    public TreeChecks(ZooKeeperClient client, BenchTree tree)
    {
        this.client = client;
        this.tree = tree;
    }

    /// <summary>The server holds exactly the tree, every leaf with the expected value at the expected version.</summary>
    public async Task TreeOnServerAsync(byte[] expectedValue, int expectedVersion)
    {
        var folders = await client.GetChildrenAsync(BenchTree.Root);
        Check(SameNames(folders.Children, tree.Folders),
            $"{BenchTree.Root} has {folders.Children.Count} children, expected the {tree.Folders.Count} folders");
        var children = await Pipeline.RunAsync(tree.Folders.Count, i => client.GetChildrenAsync(tree.Folders[i]));
        for (var i = 0; i < tree.Folders.Count; i++)
        {
            var expected = tree.Leaves.Skip(i * tree.LeavesPerFolder).Take(tree.LeavesPerFolder);
            Check(SameNames(children[i].Children, expected),
                $"{tree.Folders[i]} has {children[i].Children.Count} children, expected its {tree.LeavesPerFolder} leaves");
        }

        var leaves = await Pipeline.RunAsync(tree.Leaves.Count, i => client.GetDataAsync(tree.Leaves[i]));
        for (var i = 0; i < leaves.Length; i++)
        {
            Check(leaves[i].Data.AsSpan().SequenceEqual(expectedValue), $"{tree.Leaves[i]} holds the wrong data");
            Check(leaves[i].Stat.Version == expectedVersion,
                $"{tree.Leaves[i]} has version {leaves[i].Stat.Version}, expected {expectedVersion}");
        }
    }

    /// <summary>W2 returned the data and stat of every leaf, in order.</summary>
    public void Reads(IReadOnlyList<DataResult> results)
    {
        Check(results.Count == tree.Leaves.Count, $"read {results.Count} leaves, expected {tree.Leaves.Count}");
        for (var i = 0; i < results.Count; i++)
        {
            Check(results[i].Data.AsSpan().SequenceEqual(BenchTree.CreatedValue), $"reading {tree.Leaves[i]} gave the wrong data");
            Check(results[i].Stat.DataLength == BenchTree.CreatedValue.Length,
                $"the stat of {tree.Leaves[i]} says {results[i].Stat.DataLength} bytes");
        }
    }

    /// <summary>W3 listed every node below /bench exactly once, each with its own stat.</summary>
    public void Listing(IReadOnlyList<(string Path, Stat Stat)> listed)
    {
        var expected = new HashSet<string>(tree.Folders.Concat(tree.Leaves), StringComparer.Ordinal);
        var distinct = new HashSet<string>(listed.Select(node => node.Path), StringComparer.Ordinal);
        Check(listed.Count == expected.Count && distinct.SetEquals(expected),
            $"listed {listed.Count} nodes ({distinct.Count} distinct), expected {expected.Count}");
        var folders = new HashSet<string>(tree.Folders, StringComparer.Ordinal);
        foreach (var (path, stat) in listed)
        {
            if (folders.Contains(path))
            {
                Check(stat.NumChildren == tree.LeavesPerFolder, $"the stat of {path} says {stat.NumChildren} children");
            }
            else
            {
                Check(stat.DataLength == BenchTree.CreatedValue.Length, $"the stat of {path} says {stat.DataLength} bytes");
            }
        }
    }

    /// <summary>/bench is gone.</summary>
    public async Task AbsentAsync()
    {
        Check(await client.ExistsAsync(BenchTree.Root) is null, $"{BenchTree.Root} still exists after the delete");
    }

    private static bool SameNames(IEnumerable<string> names, IEnumerable<string> expectedPaths) =>
        names.OrderBy(name => name, StringComparer.Ordinal)
            .SequenceEqual(expectedPaths.Select(ZooKeeperPath.GetName).OrderBy(name => name, StringComparer.Ordinal));

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new BenchmarkFailure(message);
        }
    }
}
