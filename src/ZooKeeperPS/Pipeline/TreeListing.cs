using System.Collections.Generic;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>
/// Runs a <see cref="TreeWalker"/> on the pipeline thread of a host: waits for each step (Ctrl+C, -Verbose), hands
/// out the nodes as their replies arrive and writes each failure, in its place, as the error of its node.
/// </summary>
internal sealed class TreeListing
{
    private readonly IZkPipelineHost _host;
    private readonly ZkSession _session;
    private readonly TreeWalker _walker;

    public TreeListing(IZkPipelineHost host, ZkSession session, string root, TreeWalkOptions options)
    {
        _host = host;
        _session = session;
        _walker = new TreeWalker(session.Client, root, options);
    }

    /// <summary>How many nodes are queued or in flight, for progress messages.</summary>
    public int Pending => _walker.Pending;

    /// <summary>The nodes found, in walk order (<see cref="TreeWalkItem.Failure"/> is always null here).</summary>
    public IEnumerable<TreeWalkItem> Nodes()
    {
        var token = _host.StopToken;
        while (_host.Await(() => _walker.NextAsync(token), _session) is { } step)
        {
            foreach (var item in step)
            {
                if (item.Failure is null)
                {
                    yield return item;
                }
                else
                {
                    _host.WriteFailure(item.Failure, item.Path);
                }
            }
        }
    }
}
