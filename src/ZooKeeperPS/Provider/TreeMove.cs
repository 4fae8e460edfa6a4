using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>
/// Moves (and renames) a node with its subtree. ZooKeeper has no rename: within one session, a subtree of up to
/// <see cref="MaxAtomicNodes"/> nodes and <see cref="MaxAtomicBytes"/> bytes moves in one multi (creates of the copies,
/// then deletes of the originals at the versions read), so it moves entirely or not at all, and a change made
/// meanwhile fails the move. A larger subtree, or a move to another session, is a <see cref="TreeCopy"/> followed by
/// the removal of the original, only when every node was copied: not atomic, and a failure part way leaves both.
/// </summary>
internal sealed class TreeMove
{
    public const int MaxAtomicNodes = 1000;
    public const int MaxAtomicBytes = 512 * 1024;

    private readonly IZkPipelineHost _host;
    private readonly Action<Exception, string> _onFailure;

    public TreeMove(IZkPipelineHost host, Action<Exception, string> onFailure)
    {
        _host = host;
        _onFailure = onFailure;
    }

    /// <summary>Whether the move happened in one multi (so far as it happened at all).</summary>
    public bool Atomic { get; private set; }

    /// <returns>Whether the node was moved.</returns>
    public bool Move(ZkSession source, string sourceRoot, ZkSession destination, string destinationRoot)
    {
        if (ReferenceEquals(source, destination) && Collect(source, sourceRoot) is { } nodes)
        {
            Atomic = true;
            return MoveInOneMulti(source, sourceRoot, destinationRoot, nodes);
        }
        var copy = new TreeCopy(_host, source, destination, _onFailure);
        copy.Copy(sourceRoot, destinationRoot, recurse: true);
        if (!copy.Complete)
        {
            return false;
        }
        var removal = new SubtreeRemoval(_host, source, progressId: 1);
        return removal.Remove(sourceRoot) > 0;
    }

    /// <summary>The subtree with data, stat and ACL, parents first; null when it is too large for one multi.</summary>
    private List<(string Path, DataResult Data, IReadOnlyList<Acl> Acl)>? Collect(ZkSession session, string root)
    {
        var token = _host.StopToken;
        var client = session.Client;
        var found = new List<TreeWalkItem>();
        var bytes = 0;
        try
        {
            found.Add(new TreeWalkItem(root, _host.Await(() => client.GetDataAsync(root, null, token), session), null));
            if (found[0].Data!.Stat.NumChildren >= MaxAtomicNodes)
            {
                return null;
            }
            foreach (var node in new TreeListing(_host, session, root, new TreeWalkOptions { WithData = true }).Nodes())
            {
                found.Add(node);
                bytes += node.Data!.Data.Length + Encoding.UTF8.GetByteCount(node.Path) * 2;
                if (found.Count > MaxAtomicNodes || bytes > MaxAtomicBytes)
                {
                    return null;
                }
            }
            var acls = found.Select(node => ClientCall.Start(() => client.GetAclAsync(node.Path, token))).ToList();
            _host.WaitFor(Task.WhenAll(acls), session);
            var failed = acls.FindIndex(acl => acl.IsFaulted || acl.IsCanceled);
            if (failed >= 0)
            {
                throw ClientCall.FailureOf(acls[failed]);
            }
            return found.Select((node, i) => (node.Path, node.Data!, acls[i].Result.Acl)).ToList();
        }
        catch (Exception failure) when (failure is ZooKeeperException or ArgumentException)
        {
            // Reported by the copy that follows, for the node it concerns.
            return null;
        }
    }

    private bool MoveInOneMulti(ZkSession session, string sourceRoot, string destinationRoot,
        List<(string Path, DataResult Data, IReadOnlyList<Acl> Acl)> nodes)
    {
        var ops = new List<Op>();
        foreach (var (path, data, acl) in nodes)
        {
            ops.Add(Op.Create(TreeCopy.DestinationOf(path, sourceRoot, destinationRoot), data.Data, CreateMode.Persistent, acl));
        }
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            ops.Add(Op.Delete(nodes[i].Path, nodes[i].Data.Stat.Version));
        }
        try
        {
            _host.Await(() => session.Client.MultiAsync(ops, _host.StopToken), session);
            return true;
        }
        catch (Exception failure) when (failure is not PipelineStoppedException)
        {
            // A MultiOperationException names the operation that held the move back (its code and path): nothing changed.
            _onFailure(failure, sourceRoot);
            return false;
        }
    }
}
