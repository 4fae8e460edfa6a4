using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Protocol.Requests;

namespace ZooKeeperPS.Client;

// The ensemble's membership: reading /zookeeper/config and dynamic reconfiguration (ZooKeeper 3.5+ with
// reconfigEnabled=true; the caller must be the super user or have write access to /zookeeper/config).
public sealed partial class ZooKeeperClient
{
    /// <summary>The node that holds the ensemble's dynamic configuration.</summary>
    public const string ConfigPath = "/zookeeper/config";

    /// <summary>
    /// The ensemble's configuration (the /zookeeper/config node), read outside any chroot as the Java client's
    /// getConfig does, with its stat.
    /// </summary>
    public async Task<(EnsembleConfig Config, Stat Stat)> GetConfigAsync(CancellationToken cancellationToken = default)
    {
        _session.ThrowIfFinal();
        var result = await _session.Submit(new GetDataRequest(ConfigPath, NoChroot, _watches, null), cancellationToken).ConfigureAwait(false);
        return (EnsembleConfig.Parse(result.Data), result.Stat);
    }

    /// <summary>
    /// Adds and removes members in one step (an incremental reconfiguration) and returns the new configuration.
    /// <paramref name="joining"/> holds "server.N=host:quorumPort:electionPort[:role];[clientHost:]clientPort" lines,
    /// <paramref name="leaving"/> server ids. <paramref name="expectedVersion"/> (the <see cref="EnsembleConfig.Version"/>
    /// read before; -1 for any) makes it fail with BadVersion when the configuration changed meanwhile. The server refuses
    /// with ReconfigDisabled (reconfigEnabled=false), NewConfigNoQuorum (the new members could not be reached by a
    /// quorum), ReconfigInProgress or NoAuth (not the super user).
    /// </summary>
    public Task<EnsembleConfig> ReconfigAsync(IEnumerable<string>? joining, IEnumerable<long>? leaving, long expectedVersion = -1,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var join = CheckedMembers(joining, nameof(joining));
            var leave = leaving?.ToList();
            if ((join is null || join.Count == 0) && (leave is null || leave.Count == 0))
                throw new ArgumentException("A reconfiguration needs at least one member to add or one server id to remove.", nameof(joining));
            if (leave is not null && leave.Any(id => id < 0)) throw new ArgumentException("Server ids are not negative.", nameof(leaving));
            return SubmitReconfigAsync(new ReconfigRequest(
                join is { Count: > 0 } ? string.Join(",", join) : null,
                leave is { Count: > 0 } ? string.Join(",", leave) : null,
                null, CheckedConfigVersion(expectedVersion)), cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<EnsembleConfig>(e);
        }
    }

    /// <summary>
    /// Replaces the whole membership (a non-incremental reconfiguration) with <paramref name="members"/>, server lines
    /// as for <see cref="ReconfigAsync(IEnumerable{string}, IEnumerable{long}, long, CancellationToken)"/>.
    /// </summary>
    public Task<EnsembleConfig> ReconfigAsync(IEnumerable<string> members, long expectedVersion = -1, CancellationToken cancellationToken = default)
    {
        try
        {
            var all = CheckedMembers(members ?? throw new ArgumentNullException(nameof(members)), nameof(members))!;
            if (all.Count == 0) throw new ArgumentException("The new membership needs at least one member.", nameof(members));
            return SubmitReconfigAsync(new ReconfigRequest(null, null, string.Join(",", all), CheckedConfigVersion(expectedVersion)), cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<EnsembleConfig>(e);
        }
    }

    private async Task<EnsembleConfig> SubmitReconfigAsync(ReconfigRequest request, CancellationToken cancellationToken)
    {
        _session.ThrowIfFinal();
        var result = await _session.Submit(request, cancellationToken).ConfigureAwait(false);
        return EnsembleConfig.Parse(result.Data);
    }

    /// <summary>Each line parsed (a FormatException becomes an ArgumentException that names it); null for none.</summary>
    private static List<string>? CheckedMembers(IEnumerable<string>? lines, string parameter)
    {
        if (lines is null) return null;
        var checkedLines = new List<string>();
        foreach (var line in lines)
        {
            try
            {
                checkedLines.Add(EnsembleMember.Parse(line ?? throw new ArgumentException("A member line is null.", parameter)).Line);
            }
            catch (FormatException e)
            {
                throw new ArgumentException(e.Message, parameter, e);
            }
        }
        return checkedLines;
    }

    private static long CheckedConfigVersion(long version) =>
        version >= -1 ? version : throw new ArgumentOutOfRangeException(nameof(version), version, "The expected config version is -1 (any) or a config id.");
}
