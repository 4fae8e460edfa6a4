using System.Collections.Generic;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>A session that owns ephemeral nodes, with their paths, from a server's dump four-letter word.</summary>
public sealed class ZkServerSession
{
    internal ZkServerSession(SessionEphemerals session)
    {
        Server = session.Server.ToString();
        SessionId = ZkSession.FormatId(session.SessionId);
        Ephemerals = session.Paths;
    }

    /// <summary>The session id in ZooKeeper's hex form, as ZkSession.Id writes it.</summary>
    public string SessionId { get; }

    /// <summary>The full paths (outside any chroot) of the session's ephemeral nodes.</summary>
    public IReadOnlyList<string> Ephemerals { get; }

    /// <summary>host:port of the server that was asked.</summary>
    public string Server { get; }

    public override string ToString() => SessionId;
}
