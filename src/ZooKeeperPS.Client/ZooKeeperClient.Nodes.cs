using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Protocol.Requests;

namespace ZooKeeperPS.Client;

// Single-node reads and writes. Each validates before anything is sent and turns a failed check into a faulted
// task (a try/catch rather than async, so the pipelined hot path costs no extra state machine).
public sealed partial class ZooKeeperClient
{
    public Task<CreateResult> CreateAsync(string path, byte[]? data, CreateMode mode = CreateMode.Persistent,
        IReadOnlyList<Acl>? acl = null, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        try
        {
            Arguments.Mode(mode);
            ZooKeeperPath.Validate(path, mode.IsSequential());
            Arguments.Data(data, _maxDataLength);
            var ttlMilliseconds = Arguments.Ttl(mode, ttl);
            var checkedAcl = Arguments.Acl(acl);
            return _session.Submit(new CreateRequest(path, _chroot, data, checkedAcl, mode, ttlMilliseconds), cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<CreateResult>(e);
        }
    }

    public Task DeleteAsync(string path, int version = -1, CancellationToken cancellationToken = default)
    {
        try
        {
            ZooKeeperPath.Validate(path);
            Arguments.Version(version);
            return _session.Submit(new DeleteRequest(path, _chroot, version), cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    /// <summary>The node's stat, or null when it does not exist. A watcher is set either way (data or existence watch).</summary>
    public Task<Stat?> ExistsAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancellationToken = default)
    {
        try
        {
            ZooKeeperPath.Validate(path);
            return _session.Submit(new ExistsRequest(path, _chroot, _watches, watcher), cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<Stat?>(e);
        }
    }

    public Task<DataResult> GetDataAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancellationToken = default)
    {
        try
        {
            ZooKeeperPath.Validate(path);
            return _session.Submit(new GetDataRequest(path, _chroot, _watches, watcher), cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<DataResult>(e);
        }
    }

    public Task<Stat> SetDataAsync(string path, byte[]? data, int version = -1, CancellationToken cancellationToken = default)
    {
        try
        {
            ZooKeeperPath.Validate(path);
            Arguments.Data(data, _maxDataLength);
            Arguments.Version(version);
            return _session.Submit(new SetDataRequest(path, _chroot, data, version), cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<Stat>(e);
        }
    }

    public Task<ChildrenResult> GetChildrenAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancellationToken = default)
    {
        try
        {
            ZooKeeperPath.Validate(path);
            return _session.Submit(new GetChildrenRequest(path, _chroot, _watches, watcher), cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<ChildrenResult>(e);
        }
    }

    public Task<AclResult> GetAclAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            ZooKeeperPath.Validate(path);
            return _session.Submit(new GetAclRequest(path, _chroot), cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<AclResult>(e);
        }
    }

    public Task<Stat> SetAclAsync(string path, IReadOnlyList<Acl> acl, int version = -1, CancellationToken cancellationToken = default)
    {
        try
        {
            ZooKeeperPath.Validate(path);
            if (acl is null) throw new ArgumentNullException(nameof(acl));
            var checkedAcl = Arguments.Acl(acl);
            Arguments.Version(version);
            return _session.Submit(new SetAclRequest(path, _chroot, checkedAcl, version), cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<Stat>(e);
        }
    }

    /// <summary>Waits until the connected server has caught up with the leader for this path.</summary>
    public Task SyncAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            ZooKeeperPath.Validate(path);
            return _session.Submit(new SyncRequest(path, _chroot), cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }
}
