using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Base of the cmdlets that ask servers about themselves (four-letter words, the AdminServer): the members are the
/// servers of -ConnectionString (reached with the TLS parameters), or those of a session, its connection string and
/// the ensemble's /zookeeper/config (reached the way the session reaches them). A session's TLS port differs from
/// the client port in the config, so a TLS session's members are those of its connection string only.
/// </summary>
public abstract class ZkServerCmdlet : ZkTlsCmdlet
{
    private protected const string ConnectionStringSet = "ConnectionString";
    private protected const string SessionSet = "Session";

    /// <summary>host:port[,host:port...]; a chroot is ignored. An array is read as more servers.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ConnectionStringSet)]
    [ValidateNotNullOrEmpty]
    public string[]? ConnectionString { get; set; }

    /// <summary>The session whose ensemble to ask (default: the runspace's default session).</summary>
    [Parameter(ParameterSetName = SessionSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public ZkSession? Session { get; set; }

    /// <summary>How long each server may take to answer.</summary>
    [Parameter]
    [SecondsArgumentTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    private IConnectionTransport? _tls;

    protected override void BeginProcessing()
    {
        if (Timeout <= TimeSpan.Zero)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument("-Timeout must be positive, for example -Timeout 5.", "InvalidTimeout", null));
        }
        if (ParameterSetName == SessionSet && HasTlsParameters)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(
                "The TLS parameters go with -ConnectionString; a session's members are reached the way the session reaches them.",
                "TlsParameterWithSession", null));
        }
        _tls = CreateTlsTransport();
    }

    protected override void ProcessRecord()
    {
        var (members, transport) = ResolveMembers();
        ProcessMembers(members, transport);
    }

    /// <summary>Asks the members; each failure is reported by the cmdlet in its own way (a row, an error).</summary>
    private protected abstract void ProcessMembers(IReadOnlyList<ServerMember> members, IConnectionTransport transport);

    private (IReadOnlyList<ServerMember> Members, IConnectionTransport Transport) ResolveMembers()
    {
        if (ParameterSetName == ConnectionStringSet)
        {
            var members = new List<ServerMember>();
            foreach (var text in ConnectionString!)
            {
                try
                {
                    members.AddRange(HostEndpoint.ParseConnectionString(text).Select(host => new ServerMember(host, null)));
                }
                catch (ArgumentException e)
                {
                    ThrowTerminatingError(new ErrorRecord(e, "ZooKeeper.InvalidConnectionString", ErrorCategory.InvalidArgument, text));
                }
            }
            return (Distinct(members), _tls ?? new TcpTransport());
        }

        var session = Session ?? RunspaceSessions.Current.Default;
        if (session is null)
        {
            ThrowTerminatingError(ZkErrors.NoSession());
        }
        WriteConnectionLog(session);
        return (SessionMembers(session!), session!.Transport ?? new TcpTransport());
    }

    /// <summary>The session's connection string, then the config's members it does not name (not for TLS sessions).</summary>
    private List<ServerMember> SessionMembers(ZkSession session)
    {
        var members = HostEndpoint.ParseConnectionString(session.ConnectionString).Select(host => new ServerMember(host, null)).ToList();
        EnsembleConfig config;
        try
        {
            config = this.Await(() => session.Client.GetConfigAsync(StopToken), session).Config;
        }
        catch (PipelineStoppedException)
        {
            throw;
        }
        catch (Exception e)
        {
            WriteVerbose($"The ensemble's configuration ({ZooKeeperClient.ConfigPath}) could not be read, so the members are those of the connection string: {ZkErrors.Unwrap(e).Message}");
            return members;
        }

        for (var i = 0; i < members.Count; i++)
        {
            var known = config.Members.FirstOrDefault(m => members[i].Address.Equals(m.ClientAddress));
            if (known is not null) members[i] = new ServerMember(members[i].Address, known.Id);
        }
        if (!session.Tls)
        {
            members.AddRange(config.Members.Where(m => m.ClientAddress is not null).Select(m => new ServerMember(m.ClientAddress!, m.Id)));
        }
        return Distinct(members);
    }

    private static List<ServerMember> Distinct(List<ServerMember> members) =>
        members.GroupBy(m => m.Address).Select(g => g.First()).ToList();
}

/// <summary>A server to ask, with its id when the ensemble's config names it.</summary>
internal sealed class ServerMember
{
    public ServerMember(HostEndpoint address, long? id)
    {
        Address = address;
        Id = id;
    }

    public HostEndpoint Address { get; }

    public long? Id { get; }
}
