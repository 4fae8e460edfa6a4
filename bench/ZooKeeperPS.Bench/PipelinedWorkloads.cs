using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Bench;

/// <summary>W1-W5 with the client used directly: one request per node, all of a workload pipelined through <see cref="Pipeline"/>.</summary>
public sealed class PipelinedWorkloads : IWorkloads
{
    private readonly ZooKeeperClient client;
    private readonly BenchTree tree;

    public PipelinedWorkloads(ZooKeeperClient client, BenchTree tree)
    {
        this.client = client;
        this.tree = tree;
    }

    /// <summary>W1: /bench, the folders and the leaves in one pipeline; the server applies a session's requests in order, so parents exist first.</summary>
    public async Task<int> CreateTreeAsync()
    {
        await Pipeline.RunAsync(tree.AllNodes.Count, i => client.CreateAsync(tree.AllNodes[i], BenchTree.InitialValue(i)));
        return tree.AllNodes.Count;
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
    /// W5 as the Java contender does it: find the nodes level by level (getChildren of every node, starting at
    /// /bench), then delete them one request each, the deepest level first; the server applies a session's requests
    /// in order, so children go before their parents. (The client's multi-based RecursiveDeleter is what the
    /// cmdlets use; 'C# batched' shows it.)
    /// </summary>
    public async Task<int> DeleteTreeAsync()
    {
        var levels = new List<List<string>>();
        var level = new List<string> { BenchTree.Root };
        while (level.Count > 0)
        {
            levels.Add(level);
            var current = level;
            var results = await Pipeline.RunAsync(current.Count, i => client.GetChildrenAsync(current[i]));
            level = new List<string>();
            for (var i = 0; i < current.Count; i++)
            {
                level.AddRange(ChildPaths(current[i], results[i].Children));
            }
        }

        var deepestFirst = new List<string>();
        for (var depth = levels.Count - 1; depth >= 0; depth--)
        {
            deepestFirst.AddRange(levels[depth]);
        }

        await Pipeline.RunAsync(deepestFirst.Count, i => client.DeleteAsync(deepestFirst[i]));
        return deepestFirst.Count;
    }

    private static List<string> ChildPaths(string parent, IReadOnlyList<string> names)
    {
        var paths = new List<string>(names.Count);
        foreach (var name in names)
        {
            paths.Add(ZooKeeperPath.Combine(parent, name));
        }

        return paths;
    }
}
