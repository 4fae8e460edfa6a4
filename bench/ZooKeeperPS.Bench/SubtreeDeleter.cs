using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Bench;

/// <summary>
/// Deletes a subtree of unknown shape in multis, without a request per node: list a level's parents, then try to
/// delete their children in batches as if they were leaves. A batch that fails with NotEmpty (a multi applies nothing
/// when one op fails) holds inner nodes: only then are its nodes listed and emptied first, and the batch is retried.
/// For a tree of many leaves under few folders that is one getChildren per folder and one multi per
/// <see cref="DeletesPerMulti"/> leaves.
/// </summary>
public sealed class SubtreeDeleter
{
    /// <summary>Big enough to save round trips and log writes, far below the server's 1 MB packet limit.</summary>
    public const int DeletesPerMulti = 1000;

    private readonly ZooKeeperClient client;
    private int deleted;

    public SubtreeDeleter(ZooKeeperClient client)
    {
        this.client = client;
    }

    /// <summary>Deletes <paramref name="root"/> and everything under it; returns how many nodes were deleted.</summary>
    public async Task<int> DeleteAsync(string root)
    {
        deleted = 0;
        await DeleteNodesAsync(new[] { root });
        return deleted;
    }

    /// <summary>Deletes the nodes, each with its subtree.</summary>
    private async Task DeleteNodesAsync(IReadOnlyList<string> nodes)
    {
        var batches = nodes.Chunk(DeletesPerMulti).ToArray();
        var notEmpty = new ConcurrentQueue<string[]>();
        await Pipeline.RunAsync(batches.Length, async b =>
        {
            try
            {
                await client.MultiAsync(batches[b].Select(path => Op.Delete(path)).ToArray());
                Interlocked.Add(ref deleted, batches[b].Length);
            }
            catch (MultiOperationException e) when (e.Code == ErrorCode.NotEmpty)
            {
                notEmpty.Enqueue(batches[b]);
            }
        });

        if (!notEmpty.IsEmpty)
        {
            var retry = notEmpty.SelectMany(batch => batch).ToArray();
            await DeleteChildrenAsync(retry);
            await DeleteNodesAsync(retry);
        }
    }

    /// <summary>Deletes everything below the parents, leaving them empty.</summary>
    private async Task DeleteChildrenAsync(IReadOnlyList<string> parents)
    {
        var listings = await Pipeline.RunAsync(parents.Count, i => client.GetChildrenAsync(parents[i]));
        var children = new List<string>();
        for (var i = 0; i < parents.Count; i++)
        {
            children.AddRange(listings[i].Children.Select(name => ZooKeeperPath.Combine(parents[i], name)));
        }

        if (children.Count > 0)
        {
            await DeleteNodesAsync(children);
        }
    }
}
