using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>
/// Copies a node, or a subtree, from one session to another (or the same one): data and ACL of each node, parents
/// before children, with many requests in flight (the walk streams; memory stays flat). Copies are persistent nodes,
/// whatever kind the originals are (an ephemeral copy would belong to the copying session). A subtree goes through
/// <see cref="SubtreeCopier"/>, as Copy-ZkTree's does.
/// </summary>
internal sealed class TreeCopy
{
    private readonly IZkPipelineHost _host;
    private readonly ZkSession _source;
    private readonly ZkSession _destination;
    private readonly Action<Exception, string> _onFailure;
    private readonly Progress _progress;

    public TreeCopy(IZkPipelineHost host, ZkSession source, ZkSession destination, Action<Exception, string> onFailure)
    {
        _host = host;
        _source = source;
        _destination = destination;
        _onFailure = onFailure;
        _progress = new Progress(host, 3, "Copying ZooKeeper nodes");
    }

    /// <summary>How many nodes were created.</summary>
    public int Copied { get; private set; }

    /// <summary>Whether every node was copied (no failure was reported).</summary>
    public bool Complete { get; private set; } = true;

    /// <summary>Copies <paramref name="sourceRoot"/> to <paramref name="destinationRoot"/>, with its subtree when <paramref name="recurse"/>.</summary>
    public void Copy(string sourceRoot, string destinationRoot, bool recurse)
    {
        if (recurse)
        {
            CopySubtree(sourceRoot, destinationRoot);
            return;
        }
        var window = new RequestWindow(_host);
        DataResult root;
        try
        {
            root = _host.Await(() => _source.Client.GetDataAsync(sourceRoot, null, _host.StopToken), _source);
        }
        catch (Exception failure) when (failure is not System.Management.Automation.PipelineStoppedException)
        {
            Fail(failure, sourceRoot);
            return;
        }
        CreateCopies(window, sourceRoot, destinationRoot, new[] { new TreeWalkItem(sourceRoot, root, null) });
        window.Drain();
        _progress.Complete();
    }

    /// <summary>
    /// A subtree goes through the subtree copier that Copy-ZkTree uses: a folder whose ACL would keep the copying
    /// session from creating its children gets that ACL only once they exist. A node that exists at the destination,
    /// or a lost connection of either session, ends the copy with its error.
    /// </summary>
    private void CopySubtree(string sourceRoot, string destinationRoot)
    {
        var copier = new SubtreeCopier(_source.Client, sourceRoot, _destination.Client, destinationRoot,
            new TreeExportOptions { IncludeEphemeral = true }, new TreeImportOptions { Conflict = TreeConflict.Fail });
        try
        {
            while (_host.Await(() => copier.NextAsync(_host.StopToken), _destination) is { } failures)
            {
                foreach (var failure in failures)
                {
                    Fail(failure.Exception, failure.Path);
                }
                Copied = copier.Importer.Created;
                _progress.Report($"{SubtreeRemoval.Nodes(Copied)} copied to {destinationRoot}");
            }
        }
        catch (Exception failure) when (SubtreeWork.EndsTheRun(failure))
        {
            Fail(failure, (failure as ZooKeeperException)?.Path ?? destinationRoot);
        }
        finally
        {
            Copied = copier.Importer.Created;
            _progress.Complete();
        }
    }

    /// <summary>
    /// Reads the ACLs of a batch of nodes (all in flight at once), then sends their creates in walk order: the
    /// destination executes one session's requests in order, so every parent exists before its children are created.
    /// </summary>
    private void CreateCopies(RequestWindow window, string sourceRoot, string destinationRoot, IReadOnlyList<TreeWalkItem> nodes)
    {
        if (nodes.Count == 0)
        {
            return;
        }
        var token = _host.StopToken;
        var acls = nodes.Select(node => ClientCall.Start(() => _source.Client.GetAclAsync(node.Path, token))).ToList();
        _host.WaitFor(Task.WhenAll(acls), _source);
        var destination = _destination.Client;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (acls[i].IsFaulted || acls[i].IsCanceled)
            {
                window.AddFailure(ClientCall.FailureOf(acls[i]), failure => Fail(failure, node.Path));
                continue;
            }
            var target = DestinationOf(node.Path, sourceRoot, destinationRoot);
            var data = node.Data!.Data;
            var acl = acls[i].Result.Acl;
            window.Add(() => destination.CreateAsync(target, data, CreateMode.Persistent, acl, null, token), _destination,
                _ =>
                {
                    Copied++;
                    _progress.Report($"{SubtreeRemoval.Nodes(Copied)} copied to {destinationRoot}");
                },
                failure => Fail(failure, target));
        }
    }

    public static string DestinationOf(string path, string sourceRoot, string destinationRoot) =>
        path == sourceRoot ? destinationRoot
            : ZooKeeperPath.Combine(destinationRoot, sourceRoot == "/" ? path.Substring(1) : path.Substring(sourceRoot.Length + 1));

    private void Fail(Exception failure, string path)
    {
        Complete = false;
        _onFailure(failure, path);
    }
}
