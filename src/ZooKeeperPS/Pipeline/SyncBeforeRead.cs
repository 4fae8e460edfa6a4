using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace ZooKeeperPS;

/// <summary>
/// -Sync of the read cmdlets: a sync request before the first read on each session, so that the server the session
/// is on has caught up with the leader and the reads see every change committed before the command started (a
/// ZooKeeper server may otherwise lag behind the leader a little).
/// </summary>
internal sealed class SyncBeforeRead
{
    private readonly IZkPipelineHost _host;
    private readonly HashSet<ZkSession> _synced = new();

    public SyncBeforeRead(IZkPipelineHost host) => _host = host;

    /// <summary>
    /// Syncs the session once; false after a failure, which has been reported for <paramref name="target"/>, through
    /// <paramref name="report"/> when given (a command that keeps its errors in input order).
    /// </summary>
    public bool Ensure(ZkSession session, string target, Action<Exception>? report = null)
    {
        if (_synced.Contains(session))
        {
            return true;
        }
        var client = session.Client;
        var token = _host.StopToken;
        try
        {
            _host.Await(async () =>
            {
                await client.SyncAsync("/", token).ConfigureAwait(false);
                return true;
            }, session);
        }
        catch (Exception failure) when (failure is not PipelineStoppedException)
        {
            if (report is null)
            {
                _host.WriteFailure(failure, target);
            }
            else
            {
                report(failure);
            }
            return false;
        }
        _synced.Add(session);
        return true;
    }
}
