using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// Reads several nodes in one round trip where the server can: one multiRead for the nodes of a call on ZooKeeper
/// 3.6 and later, one request per node (pipelined) on older servers. The reader learns which from the first
/// multiRead the server refuses and remembers it for its life. A multiRead whose reply would be longer than the
/// client's JuteMaxBuffer (large nodes add up; the client skips such a reply, see <see cref="ReplyTooLargeException"/>)
/// is done again one request per node. A call's task never fails: each node comes back with its own outcome, and a
/// failure of the request as a whole (a lost connection) is the outcome of each of its nodes.
/// </summary>
public sealed class NodeReader
{
    private readonly ZooKeeperClient _client;
    private volatile bool _multiRead = true;

    public NodeReader(ZooKeeperClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <summary>False once the server has refused a multiRead (it is older than 3.6): every node is then read alone.</summary>
    public bool UsesMultiRead => _multiRead;

    /// <summary>Reads the nodes (one request for one path); the outcomes are in the order of <paramref name="paths"/>.</summary>
    public async Task<IReadOnlyList<NodeRead>> ReadAsync(IReadOnlyList<string> paths, NodeReadKind kind,
        CancellationToken cancellationToken = default)
    {
        if (paths is null) throw new ArgumentNullException(nameof(paths));
        if (paths.Count > 1 && _multiRead)
        {
            try
            {
                var ops = paths.Select(path => kind == NodeReadKind.Data ? Op.GetData(path) : Op.GetChildren(path)).ToList();
                var results = await _client.MultiReadAsync(ops, cancellationToken).ConfigureAwait(false);
                return paths.Select((path, i) => FromOpResult(path, results[i])).ToArray();
            }
            catch (NotSupportedException)
            {
                _multiRead = false;
            }
            catch (ReplyTooLargeException)
            {
                // Together the nodes are too large for one reply; each alone fits (or fails on its own).
            }
            catch (Exception failure)
            {
                return paths.Select(path => new NodeRead(path, null, null, failure)).ToArray();
            }
        }

        return kind == NodeReadKind.Data
            ? await ReadEachAsync(paths, path => _client.GetDataAsync(path, null, cancellationToken),
                (path, data) => new NodeRead(path, data, null, null)).ConfigureAwait(false)
            : await ReadEachAsync(paths, path => _client.GetChildrenAsync(path, null, cancellationToken),
                (path, list) => new NodeRead(path, null, list.Children, null)).ConfigureAwait(false);
    }

    /// <summary>One request per node, all sent before the first reply is awaited (the session pipelines them).</summary>
    private static async Task<IReadOnlyList<NodeRead>> ReadEachAsync<T>(IReadOnlyList<string> paths, Func<string, Task<T>> read,
        Func<string, T, NodeRead> succeeded)
    {
        // Async, so that a call that throws before its task exists (a closed session) fails its own node only.
        var requests = paths.Select(async path => await read(path).ConfigureAwait(false)).ToArray();
        var reads = new NodeRead[paths.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            try
            {
                reads[i] = succeeded(paths[i], await requests[i].ConfigureAwait(false));
            }
            catch (Exception failure)
            {
                reads[i] = new NodeRead(paths[i], null, null, failure);
            }
        }
        return reads;
    }

    private static NodeRead FromOpResult(string path, OpResult result) => result switch
    {
        GetDataOpResult read => new NodeRead(path, new DataResult(read.IsNull ? null : read.Data, read.Stat), null, null),
        GetChildrenOpResult list => new NodeRead(path, null, list.Children, null),
        _ => new NodeRead(path, null, null, new ZooKeeperException(result.Error, path)),
    };
}
