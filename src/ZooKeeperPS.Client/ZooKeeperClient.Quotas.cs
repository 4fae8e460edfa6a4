using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Protocol.Requests;

namespace ZooKeeperPS.Client;

// Quotas, kept where zkCli's setquota/listquota/delquota keep them: /zookeeper/quota/<path>/zookeeper_limits (the
// limits) and zookeeper_stats (the usage, which the server maintains). The server matches quotas by the path it
// sees, so under a chroot the quota of /app lives at /zookeeper/quota/<chroot>/app: these requests bypass the chroot.
public sealed partial class ZooKeeperClient
{
    private const string QuotaRoot = "/zookeeper/quota";
    private const string LimitsNode = "zookeeper_limits";
    private const string StatsNode = "zookeeper_stats";
    /// <summary>The quotas on the path and on the nodes below it, in depth-first order.</summary>
    public async Task<IReadOnlyList<Quota>> GetQuotasAsync(string path = "/", CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        var found = new List<Quota>();
        var root = _chroot.ToServer(path) == "/" ? QuotaRoot : QuotaRoot + _chroot.ToServer(path);
        await CollectQuotasAsync(root, found, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>The quota on exactly this path, or null when it has none.</summary>
    public async Task<Quota?> GetQuotaAsync(string path, CancellationToken cancellationToken = default)
    {
        var quotaPath = QuotaPathOf(path);
        var limits = ReadQuotaNodeAsync(quotaPath + "/" + LimitsNode, cancellationToken);
        var usage = ReadQuotaNodeAsync(quotaPath + "/" + StatsNode, cancellationToken);
        var limitsData = await limits.ConfigureAwait(false);
        var usageData = await usage.ConfigureAwait(false);
        return limitsData is null ? null : new Quota(path, QuotaLimits.Parse(System.Text.Encoding.UTF8.GetString(limitsData)), usageData);
    }

    /// <summary>
    /// Sets limits of the quota on a node, as zkCli's setquota does: the limits that are not -1 replace the ones the
    /// quota has, the others stay. The node must exist, and neither an ancestor nor a descendant may have a quota
    /// (InvalidOperationException). Returns the quota as it is now.
    /// </summary>
    public async Task<Quota> SetQuotaAsync(string path, QuotaLimits limits, CancellationToken cancellationToken = default)
    {
        if (limits is null) throw new ArgumentNullException(nameof(limits));
        var quotaPath = QuotaPathOf(path);
        if (await ExistsAsync(path, null, cancellationToken).ConfigureAwait(false) is null)
            throw new ZooKeeperException(ErrorCode.NoNode, path, "the node does not exist, and a quota is set on an existing node only.");
        await CheckQuotaConflictsAsync(path, quotaPath, cancellationToken).ConfigureAwait(false);

        var serverPath = _chroot.ToServer(path);
        for (var slash = serverPath.IndexOf('/', 1); ; slash = serverPath.IndexOf('/', slash + 1))
        {
            var level = QuotaRoot + (slash < 0 ? serverPath : serverPath.Substring(0, slash));
            await CreateIfMissingAsync(level, cancellationToken).ConfigureAwait(false);
            if (slash < 0) break;
        }

        var limitsPath = quotaPath + "/" + LimitsNode;
        var current = await ReadQuotaNodeWithStatAsync(limitsPath, cancellationToken).ConfigureAwait(false);
        var merged = Merge(current is null ? new QuotaLimits() : QuotaLimits.Parse(System.Text.Encoding.UTF8.GetString(current.Data)), limits);
        if (current is null)
        {
            // Together, so that no quota is ever left without its usage node (the server counts the usage when that is created).
            var ops = new[]
            {
                new CreateOp(limitsPath, merged.ToBytes(), CreateMode.Persistent, Arguments.Acl(null), null),
                new CreateOp(quotaPath + "/" + StatsNode, System.Text.Encoding.UTF8.GetBytes("count=0,bytes=0"), CreateMode.Persistent, Arguments.Acl(null), null),
            };
            await _session.Submit(new MultiRequest(ops, NoChroot, isRead: false), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _session.Submit(new SetDataRequest(limitsPath, NoChroot, merged.ToBytes(), current.Stat.Version), cancellationToken).ConfigureAwait(false);
        }
        return await GetQuotaAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw new ZooKeeperException(ErrorCode.NoNode, path, "the quota was deleted right after it was set.");
    }

    /// <summary>
    /// Removes limits of the quota on a node, as zkCli's delquota does: <see cref="QuotaLimitKinds.All"/> deletes the
    /// quota (its nodes, and the quota folders left empty), other kinds only set those limits to -1. False when the
    /// node has no quota.
    /// </summary>
    public async Task<bool> RemoveQuotaAsync(string path, QuotaLimitKinds kinds = QuotaLimitKinds.All, CancellationToken cancellationToken = default)
    {
        var quotaPath = QuotaPathOf(path);
        var limitsPath = quotaPath + "/" + LimitsNode;
        var current = await ReadQuotaNodeWithStatAsync(limitsPath, cancellationToken).ConfigureAwait(false);
        if (current is null) return false;
        if (kinds == QuotaLimitKinds.None) return true;
        if (kinds != QuotaLimitKinds.All)
        {
            var limits = QuotaLimits.Parse(System.Text.Encoding.UTF8.GetString(current.Data));
            if (kinds.HasFlag(QuotaLimitKinds.Count)) limits.Count = -1;
            if (kinds.HasFlag(QuotaLimitKinds.Bytes)) limits.Bytes = -1;
            if (kinds.HasFlag(QuotaLimitKinds.CountHardLimit)) limits.CountHardLimit = -1;
            if (kinds.HasFlag(QuotaLimitKinds.ByteHardLimit)) limits.ByteHardLimit = -1;
            await _session.Submit(new SetDataRequest(limitsPath, NoChroot, limits.ToBytes(), current.Stat.Version), cancellationToken).ConfigureAwait(false);
            return true;
        }

        var children = await _session.Submit(new GetChildrenRequest(quotaPath, NoChroot, _watches, null), cancellationToken).ConfigureAwait(false);
        var deletes = children.Children.Where(child => child is LimitsNode or StatsNode)
            .Select(child => (Op)new DeleteOp(quotaPath + "/" + child, -1)).ToList();
        await _session.Submit(new MultiRequest(deletes, NoChroot, isRead: false), cancellationToken).ConfigureAwait(false);
        // Trim the folders of the quota tree that are left empty, from the path up.
        for (var folder = quotaPath; folder != QuotaRoot; folder = folder.Substring(0, folder.LastIndexOf('/')))
        {
            try
            {
                await _session.Submit(new DeleteRequest(folder, NoChroot, -1), cancellationToken).ConfigureAwait(false);
            }
            catch (ZooKeeperException e) when (e.Code is ErrorCode.NotEmpty or ErrorCode.NoNode)
            {
                break;
            }
        }
        return true;
    }

    /// <summary>The quota folder of a client path; a quota cannot be on the root or inside /zookeeper.</summary>
    private string QuotaPathOf(string path)
    {
        ZooKeeperPath.Validate(path);
        var serverPath = _chroot.ToServer(path);
        if (serverPath == "/" || serverPath == "/zookeeper" || serverPath.StartsWith("/zookeeper/", StringComparison.Ordinal))
            throw new ArgumentException($"A quota cannot be on {path}: quotas are for subtrees other than / and /zookeeper.", nameof(path));
        return QuotaRoot + serverPath;
    }

    private async Task CheckQuotaConflictsAsync(string path, string quotaPath, CancellationToken cancellationToken)
    {
        for (var parent = quotaPath.Substring(0, quotaPath.LastIndexOf('/')); parent.Length > QuotaRoot.Length;
             parent = parent.Substring(0, parent.LastIndexOf('/')))
        {
            if (await ReadQuotaNodeAsync(parent + "/" + LimitsNode, cancellationToken).ConfigureAwait(false) is not null)
                throw new InvalidOperationException($"{path} has a parent {_chroot.ToClient(parent.Substring(QuotaRoot.Length))} which has a quota: quotas cannot be nested.");
        }
        var below = new List<Quota>();
        await CollectQuotasAsync(quotaPath, below, cancellationToken).ConfigureAwait(false);
        if (below.FirstOrDefault(quota => quota.Path != path) is { } child)
            throw new InvalidOperationException($"{path} has a child {child.Path} which has a quota: quotas cannot be nested.");
    }

    private async Task CollectQuotasAsync(string folder, List<Quota> found, CancellationToken cancellationToken)
    {
        ChildrenResult listing;
        try
        {
            listing = await _session.Submit(new GetChildrenRequest(folder, NoChroot, _watches, null), cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException e) when (e.Code == ErrorCode.NoNode)
        {
            return;
        }
        var serverPath = folder.Substring(QuotaRoot.Length);
        if (listing.Children.Contains(LimitsNode) && _chroot.Contains(serverPath))
        {
            var quota = await GetQuotaAsync(_chroot.ToClient(serverPath), cancellationToken).ConfigureAwait(false);
            if (quota is not null) found.Add(quota);
        }
        foreach (var child in listing.Children.Where(child => child is not (LimitsNode or StatsNode)).OrderBy(child => child, StringComparer.Ordinal))
        {
            await CollectQuotasAsync(folder + "/" + child, found, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<byte[]?> ReadQuotaNodeAsync(string quotaNodePath, CancellationToken cancellationToken) =>
        (await ReadQuotaNodeWithStatAsync(quotaNodePath, cancellationToken).ConfigureAwait(false))?.Data;

    private async Task<DataResult?> ReadQuotaNodeWithStatAsync(string quotaNodePath, CancellationToken cancellationToken)
    {
        try
        {
            return await _session.Submit(new GetDataRequest(quotaNodePath, NoChroot, _watches, null), cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException e) when (e.Code == ErrorCode.NoNode)
        {
            return null;
        }
    }

    private async Task CreateIfMissingAsync(string quotaFolder, CancellationToken cancellationToken)
    {
        try
        {
            await _session.Submit(new CreateRequest(quotaFolder, NoChroot, null, Arguments.Acl(null), CreateMode.Persistent, Arguments.Ttl(CreateMode.Persistent, null)), cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException e) when (e.Code == ErrorCode.NodeExists)
        {
        }
    }

    private static QuotaLimits Merge(QuotaLimits current, QuotaLimits changes) => new()
    {
        Count = changes.Count != -1 ? changes.Count : current.Count,
        Bytes = changes.Bytes != -1 ? changes.Bytes : current.Bytes,
        CountHardLimit = changes.CountHardLimit != -1 ? changes.CountHardLimit : current.CountHardLimit,
        ByteHardLimit = changes.ByteHardLimit != -1 ? changes.ByteHardLimit : current.ByteHardLimit,
    };
}
