using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Protocol.Requests;

namespace ZooKeeperPS.Client;

// What the server knows about this session, and the server's version, which decides the newer operations.
public sealed partial class ZooKeeperClient
{
    private static readonly Version GetEphemeralsVersion = new(3, 6);
    private static readonly Version GetAllChildrenNumberVersion = new(3, 6);
    private static readonly Version WhoAmIVersion = new(3, 7);

    /// <summary>
    /// The connected server's version from its <c>srvr</c> answer, or null when it cannot be learnt (srvr not in the
    /// server's 4lw.commands.whitelist, no answer within 5 s). Learnt once per connection; a failure is asked again
    /// after a short back-off. <paramref name="cancellationToken"/> ends the wait at once.
    /// </summary>
    public async Task<Version?> GetServerVersionAsync(CancellationToken cancellationToken = default)
    {
        _session.ThrowIfFinal();
        var (version, _) = await _session.Features.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        return version;
    }

    /// <summary>The paths of this session's ephemeral nodes that start with the prefix (a plain string prefix). Needs ZooKeeper 3.6.</summary>
    public async Task<IReadOnlyList<string>> GetEphemeralsAsync(string prefixPath = "/", CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(prefixPath) || prefixPath[0] != '/')
            throw new ArgumentException($"The prefix '{prefixPath}' must start with '/'.", nameof(prefixPath));
        await RequireServerAsync("GetEphemerals", GetEphemeralsVersion, cancellationToken).ConfigureAwait(false);
        return await _session.Submit(new GetEphemeralsRequest(prefixPath, _chroot), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The number of nodes below the path, at any depth. Needs ZooKeeper 3.6.</summary>
    public async Task<int> GetAllChildrenNumberAsync(string path, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        await RequireServerAsync("GetAllChildrenNumber", GetAllChildrenNumberVersion, cancellationToken).ConfigureAwait(false);
        return await _session.Submit(new GetAllChildrenNumberRequest(path, _chroot), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The identities the server holds for this session. Needs ZooKeeper 3.7.</summary>
    public async Task<IReadOnlyList<ClientInfo>> WhoAmIAsync(CancellationToken cancellationToken = default)
    {
        await RequireServerAsync("WhoAmI", WhoAmIVersion, cancellationToken).ConfigureAwait(false);
        return await _session.Submit(new WhoAmIRequest(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fails with <see cref="ServerFeatureException"/> (a NotSupportedException) unless the server is known to have
    /// the feature: an opcode the server does not know makes it drop the connection, and everything in flight with it.
    /// </summary>
    private Task RequireServerAsync(string feature, Version needed, CancellationToken cancellationToken)
    {
        _session.ThrowIfFinal();
        return _session.Features.RequireAsync(feature, needed, cancellationToken);
    }
}
