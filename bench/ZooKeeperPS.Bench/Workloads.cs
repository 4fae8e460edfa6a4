using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Bench;

/// <summary>W1-W5 with the client used directly: every request of a workload pipelined through <see cref="Pipeline"/>.</summary>
public sealed class Workloads
{
    /// <summary>Deletes per multi in W5: big enough to save round trips and log writes, far below the 1 MB packet limit.</summary>
    public const int DeletesPerMulti = 1000;

    private readonly ZooKeeperClient client;
    private readonly BenchTree tree;

    public Workloads(ZooKeeperClient client, BenchTree tree)
    {
        this.client = client;
        this.tree = tree;
    }

    /// <summary>W1: /bench, the folders and the leaves in one pipeline; the server applies a session's requests in order, so parents exist first.</summary>
    public async Task<int> CreateTreeAsync()
    {
        var paths = new List<string>(tree.AllNodes) { BenchTree.Root };
        paths.AddRange(tree.Folders);
        paths.AddRange(tree.Leaves);
        var firstLeaf = 1 + tree.Folders.Count;
        await Pipeline.RunAsync(paths.Count,
            i => client.CreateAsync(paths[i], i < firstLeaf ? Array.Empty<byte>() : BenchTree.CreatedValue));
        return paths.Count;
    }

    /// <summary>W2: data and stat of every leaf.</summary>
    public Task<DataResult[]> ReadLeavesAsync() =>
        Pipeline.RunAsync(tree.Leaves.Count, i => client.GetDataAsync(tree.Leaves[i]));

    /// <summary>
    /// W3: every node below /bench with its stat, level by level. One getChildren per node gives both the node's stat
    /// and its children, so the walk needs no other request.
    /// </summary>
    public async Task<List<(string Path, Stat Stat)>> ListTreeAsync()
    {
        var listed = new List<(string Path, Stat Stat)>();
        var level = ChildPaths(BenchTree.Root, (await client.GetChildrenAsync(BenchTree.Root)).Children);
        while (level.Count > 0)
        {
            var current = level;
            var results = await Pipeline.RunAsync(current.Count, i => client.GetChildrenAsync(current[i]));
            level = new List<string>();
            for (var i = 0; i < current.Count; i++)
            {
                listed.Add((current[i], results[i].Stat));
                level.AddRange(ChildPaths(current[i], results[i].Children));
            }
        }

        return listed;
    }

    /// <summary>W4: new data for every leaf.</summary>
    public Task UpdateLeavesAsync() =>
        Pipeline.RunAsync(tree.Leaves.Count, i => client.SetDataAsync(tree.Leaves[i], BenchTree.UpdatedValue));

    /// <summary>
    /// W5: delete /bench recursively without knowing its shape: list it (W3's walk), then delete in multis, deepest
    /// nodes first (the reverse of a level-by-level listing puts every child before its parent).
    /// </summary>
    public async Task<int> DeleteTreeAsync()
    {
        var listed = await ListTreeAsync();
        var doomed = listed.Select(node => node.Path).Reverse().Append(BenchTree.Root).ToArray();
        var batches = (doomed.Length + DeletesPerMulti - 1) / DeletesPerMulti;
        await Pipeline.RunAsync(batches, b => client.MultiAsync(
            doomed.Skip(b * DeletesPerMulti).Take(DeletesPerMulti).Select(path => Op.Delete(path)).ToArray()));
        return doomed.Length;
    }

    private static List<string> ChildPaths(string parent, IReadOnlyList<string> names)
    {
        var paths = new List<string>(names.Count);
        foreach (var name in names)
        {
            paths.Add(parent + "/" + name);
        }

        return paths;
    }
}
