using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>One member of the ensemble's configuration (/zookeeper/config), with the config's version.</summary>
public sealed class ZkEnsembleMember
{
    internal ZkEnsembleMember(EnsembleMember member, long version, ZkSession session)
    {
        Id = member.Id;
        Address = member.Host;
        QuorumPort = member.QuorumPort;
        ElectionPort = member.ElectionPort;
        Role = member.Role;
        ClientAddress = member.ClientAddress?.ToString();
        Line = member.Line;
        Version = version;
        Session = session;
    }

    /// <summary>The server id (myid).</summary>
    public long Id { get; }

    /// <summary>The host of the quorum and election ports.</summary>
    public string Address { get; }

    public int QuorumPort { get; }

    public int ElectionPort { get; }

    /// <summary>participant (votes) or observer.</summary>
    public string Role { get; }

    /// <summary>host:port of the client port; null when the configuration names none.</summary>
    public string? ClientAddress { get; }

    /// <summary>The config line, server.N=..., the form Set-ZkEnsembleConfig takes.</summary>
    public string Line { get; }

    /// <summary>The configuration's version (its id): the -Version that Set-ZkEnsembleConfig expects.</summary>
    public long Version { get; }

    public ZkSession Session { get; }

    public override string ToString() => Line;
}
