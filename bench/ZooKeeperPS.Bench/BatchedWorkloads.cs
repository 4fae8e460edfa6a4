using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Bench;

/// <summary>
/// W1-W5 with many operations per request: multi for writes, multiRead (ZooKeeper 3.6+) for reads, the requests
/// pipelined. The server's cost is mostly per request, not per operation, so this shows what it can take.
/// </summary>
public sealed class BatchedWorkloads : IWorkloads
{
    /// <summary>Operations per request: a create of a leaf is about 120 bytes, far below the 1 MB packet limit.</summary>
    public const int OpsPerRequest = 1000;

    private readonly ZooKeeperClient client;
    private readonly BenchTree tree;

    public BatchedWorkloads(ZooKeeperClient client, BenchTree tree)
    {
        this.client = client;
        this.tree = tree;
    }

    /// <summary>W1: creates in multis, parents first (a multi applies its operations in order).</summary>
    public async Task<int> CreateTreeAsync()
    {
        var creates = tree.AllNodes.Select((path, i) => Op.Create(path, BenchTree.InitialValue(i))).Chunk(OpsPerRequest).ToArray();
        await Pipeline.RunAsync(creates.Length, b => client.MultiAsync(creates[b]));
        return tree.AllNodes.Count;
    }

    public Task<DataResult[]> ReadLeavesAsync() => ReadDataAsync(tree.Leaves);

    /// <summary>W3: level by level, the children of every parent, then data and stat of every child, both batched.</summary>
    public async Task<List<(string Path, Stat Stat)>> ListTreeAsync()
    {
        var listed = new List<(string Path, Stat Stat)>();
        IReadOnlyList<string> parents = new[] { BenchTree.Root };
        while (parents.Count > 0)
        {
            var children = await ReadChildPathsAsync(parents);
            var stats = await ReadDataAsync(children);
            var next = new List<string>();
            for (var i = 0; i < children.Count; i++)
            {
                listed.Add((children[i], stats[i].Stat));
                if (stats[i].Stat.NumChildren > 0)
                {
                    next.Add(children[i]);
                }
            }

            parents = next;
        }

        return listed;
    }

    public async Task UpdateLeavesAsync()
    {
        var sets = tree.Leaves.Select(path => Op.SetData(path, BenchTree.UpdatedValue)).Chunk(OpsPerRequest).ToArray();
        await Pipeline.RunAsync(sets.Length, b => client.MultiAsync(sets[b]));
    }

    public Task<int> DeleteTreeAsync() => RecursiveDeleter.DeleteAsync(client, BenchTree.Root);

    private async Task<DataResult[]> ReadDataAsync(IReadOnlyList<string> paths)
    {
        var results = await ReadAsync(paths, Op.GetData);
        return results.Select((result, i) => result is GetDataOpResult data
                ? new DataResult(data.Data, data.Stat)
                : throw new BenchmarkFailure($"multiRead getData of {paths[i]} failed: {result.Error}"))
            .ToArray();
    }

    private async Task<List<string>> ReadChildPathsAsync(IReadOnlyList<string> parents)
    {
        var results = await ReadAsync(parents, Op.GetChildren);
        var children = new List<string>();
        for (var i = 0; i < parents.Count; i++)
        {
            var listing = results[i] as GetChildrenOpResult
                ?? throw new BenchmarkFailure($"multiRead getChildren of {parents[i]} failed: {results[i].Error}");
            children.AddRange(listing.Children.Select(name => ZooKeeperPath.Combine(parents[i], name)));
        }

        return children;
    }

    /// <summary>One multiRead per <see cref="OpsPerRequest"/> paths, pipelined; the results in the order of the paths.</summary>
    private async Task<OpResult[]> ReadAsync(IReadOnlyList<string> paths, System.Func<string, Op> read)
    {
        var batches = paths.Select(read).Chunk(OpsPerRequest).ToArray();
        var replies = await Pipeline.RunAsync(batches.Length, b => client.MultiReadAsync(batches[b]));
        return replies.SelectMany(reply => reply).ToArray();
    }
}
