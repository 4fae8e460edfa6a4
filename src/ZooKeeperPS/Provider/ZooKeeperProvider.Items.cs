using System;
using System.Management.Automation;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

// Items: Get-Item, Test-Path, Get-ChildItem, New-Item, Set-Item, Clear-Item, Remove-Item.
public sealed partial class ZooKeeperProvider
{
    protected override bool IsValidPath(string path) => !string.IsNullOrEmpty(path) && NodePath.Problem(ProviderPath.Parse(path).Node) is null;

    /// <summary>
    /// The last name of the path, read off the path alone: a znode name holds no /, and the provider takes \ for a
    /// separator too (see <see cref="ProviderPath"/>). PowerShell's own GetChildName first asks ItemExists (for
    /// providers whose names may hold a separator), and it runs for every item written, to set PSChildName: a round
    /// trip for each item of a listing.
    /// </summary>
    protected override string GetChildName(string path)
    {
        var trimmed = path.Replace('\\', '/').TrimEnd('/');
        return trimmed.Substring(trimmed.LastIndexOf('/') + 1);
    }

    protected override bool ItemExists(string path)
    {
        var (session, node) = Resolve(path);
        // exists needs no permission, so a node this session may not read still exists for Test-Path.
        return Stat(session, node) is not null;
    }

    protected override bool IsItemContainer(string path)
    {
        var (session, node) = Resolve(path);
        var key = node.ToString();
        if (node.Node != "/")
        {
            _lookahead.ChildAsked(node.WithNode(ZooKeeperPath.GetParent(node.Node)).ToString());
        }
        if (_lookahead.StatOf(key) is { } ahead)
        {
            try
            {
                if (this.Await(() => ahead, session) is { EphemeralOwner: 0 })
                {
                    // Its listing, if read ahead, waits for the engine's GetChildNames.
                    return true;
                }
                _lookahead.Forget(key);
                return false;
            }
            catch (Exception failure) when (failure is not PipelineStoppedException)
            {
                // Asked again below with exists, which needs no permission (the read ahead does), and fails as it always does.
                _lookahead.Forget(key);
            }
        }
        return Stat(session, node) is { EphemeralOwner: 0 };
    }

    /// <summary>
    /// Whether the node has children. PowerShell's wildcard expansion lists only nodes that have; and Remove-Item
    /// without -Recurse asks before it removes such a node with its subtree, as it asks for a folder.
    /// </summary>
    protected override bool HasChildItems(string path)
    {
        var (session, node) = Resolve(path);
        return Stat(session, node) is { NumChildren: > 0 };
    }

    protected override void GetItem(string path)
    {
        var (session, node) = Resolve(path);
        if (Read(session, node) is { } read)
        {
            WriteNode(session, node, read.Data, read.Stat);
        }
    }

    /// <summary>Set-Item zk:/a -Value v: overwrites the node's data (a string as UTF-8, a byte array as it is).</summary>
    protected override void SetItem(string path, object value)
    {
        var (session, node) = Resolve(path);
        if (!ShouldProcess(node.Node, "Set node data"))
        {
            return;
        }
        var data = NodeValue.ToBytes(value is PSObject wrapped ? wrapped.BaseObject : value, NodeValue.DefaultEncoding);
        try
        {
            var stat = this.Await(() => session.Client.SetDataAsync(node.Node, data, -1, StopToken), session);
            WriteNode(session, node, data ?? Array.Empty<byte>(), stat);
        }
        catch (Exception failure) when (failure is not PipelineStoppedException)
        {
            WriteFailure(failure, node.Node);
        }
    }

    /// <summary>Clear-Item zk:/a: empties the node's data.</summary>
    protected override void ClearItem(string path)
    {
        var (session, node) = Resolve(path);
        if (ShouldProcess(node.Node, "Clear node data"))
        {
            SetData(session, node, Array.Empty<byte>());
        }
    }

    protected override void GetChildItems(string path, bool recurse) => GetChildItems(path, recurse, uint.MaxValue);

    protected override void GetChildItems(string path, bool recurse, uint depth)
    {
        var (session, root) = Resolve(path);
        var options = new TreeWalkOptions
        {
            MaxDepth = !recurse ? 0 : depth >= int.MaxValue ? int.MaxValue : (int)depth,
            WithData = true,
        };
        if (Filter is { Length: > 0 } filter)
        {
            options.Include = new WildcardPattern(filter, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant).IsMatch;
        }
        var progress = new Progress(this, 2, $"Listing {root.Node}");
        var listing = new TreeListing(this, session, root.Node, options);
        var count = 0;
        foreach (var item in listing.Nodes())
        {
            WriteNode(session, root.WithNode(item.Path), item.Data!.Data, item.Data.Stat);
            if (recurse && ++count % 100 == 0)
            {
                progress.Report($"{count} nodes listed, {listing.Pending} pending");
            }
        }
        progress.Complete();
    }

    /// <summary>
    /// Names of the children: what PowerShell expands wildcards, Tab and Get-ChildItem -Name with. For -Name -Recurse
    /// the engine walks the tree itself, through these calls and IsItemContainer: <see cref="WalkLookahead"/> reads ahead of it.
    /// </summary>
    protected override void GetChildNames(string path, ReturnContainers returnContainers)
    {
        var (session, parent) = Resolve(path);
        var key = parent.ToString();
        var children = returnContainers == ReturnContainers.ReturnAllContainers ? _lookahead.Recursing(key) : null;
        if (children is null)
        {
            var ahead = _lookahead.TakeListing(key);
            try
            {
                children = this.Await(() => ahead ?? session.Client.GetChildrenAsync(parent.Node, null, StopToken), session);
            }
            catch (Exception failure) when (failure is not PipelineStoppedException)
            {
                WriteFailure(failure, parent.Node);
                return;
            }
            _lookahead.Listed(session, parent, key, children);
        }
        var pattern = Filter is { Length: > 0 } filter && returnContainers == ReturnContainers.ReturnMatchingContainers
            ? new WildcardPattern(filter, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)
            : null;
        foreach (var name in children.Children)
        {
            ThrowIfStopping();
            if (pattern is null || pattern.IsMatch(name))
            {
                WriteItemObject(name, parent.WithNode(ZooKeeperPath.Combine(parent.Node, name)).ToString(), true);
            }
        }
    }

    protected override void RemoveItem(string path, bool recurse)
    {
        var (session, node) = Resolve(path);
        // Remove-Item -Include/-Exclude -Recurse asks IsItemContainer of what it just removed: the server answers that.
        _lookahead.Forget(node.ToString());
        if (node.Node == "/" || node.Node == "/zookeeper" || node.Node.StartsWith("/zookeeper/", StringComparison.Ordinal))
        {
            WriteError(ZkErrors.InvalidArgument(
                node.Node == "/" ? "The root node / cannot be removed. To delete everything under it, use Clear-ZooKeeper."
                    : "The /zookeeper tree belongs to the server (quotas, configuration) and is never removed.",
                "SystemNodeNotRemovable", node.Node));
            return;
        }
        if (!recurse)
        {
            if (ShouldProcess(node.Node, "Remove node"))
            {
                Run(session, () => session.Client.DeleteAsync(node.Node, -1, StopToken), node.Node);
            }
            return;
        }
        if (ShouldProcess(node.Node, "Remove node and its subtree"))
        {
            var deleted = new SubtreeRemoval(this, session, progressId: 1).Remove(node.Node);
            WriteVerbose($"{node.Node} and its subtree: {SubtreeRemoval.Nodes(deleted)} deleted.");
        }
    }

    private Stat? Stat(ZkSession session, ProviderPath node)
    {
        try
        {
            return this.Await(() => session.Client.ExistsAsync(node.Node, null, StopToken), session);
        }
        catch (ArgumentException)
        {
            return null; // not a znode path at all: no such item
        }
    }

    /// <summary>The node's data and stat, or null after its error was written.</summary>
    private DataResult? Read(ZkSession session, ProviderPath node)
    {
        try
        {
            return this.Await(() => session.Client.GetDataAsync(node.Node, null, StopToken), session);
        }
        catch (Exception failure) when (failure is not PipelineStoppedException)
        {
            WriteFailure(failure, node.Node);
            return null;
        }
    }

    private void SetData(ZkSession session, ProviderPath node, byte[] data) =>
        Run(session, () => session.Client.SetDataAsync(node.Node, data, -1, StopToken), node.Node);

    /// <summary>One request, its failure written as the error of <paramref name="target"/>.</summary>
    private bool Run(ZkSession session, Func<System.Threading.Tasks.Task> call, string target)
    {
        try
        {
            this.Await(async () => { await call().ConfigureAwait(false); return true; }, session);
            return true;
        }
        catch (Exception failure) when (failure is not PipelineStoppedException)
        {
            WriteFailure(failure, target);
            return false;
        }
    }
}
