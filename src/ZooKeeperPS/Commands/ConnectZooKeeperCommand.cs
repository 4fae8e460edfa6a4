using System;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>Opens a session and makes it the runspace's default session. Never prompts.</summary>
[Cmdlet(VerbsCommunications.Connect, "ZooKeeper")]
[OutputType(typeof(ZkSession))]
public sealed class ConnectZooKeeperCommand : ZkCmdlet
{
    /// <summary>host:port[,host:port...][/chroot]</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ConnectionString { get; set; } = "127.0.0.1:2181";

    [Parameter]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Parameter]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Digest credentials, added to the session right after it connects (and again after reconnects).</summary>
    [Parameter]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    [Parameter]
    public SwitchParameter AllowReadOnly { get; set; }

    protected override void BeginProcessing()
    {
        if (SessionTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(
                "-SessionTimeout and -ConnectTimeout must be positive, for example -SessionTimeout 00:00:10.", "InvalidTimeout", null));
        }
    }

    protected override void ProcessRecord()
    {
        var log = new ConnectionLog();
        var options = new ZooKeeperClientOptions
        {
            ConnectionString = ConnectionString,
            SessionTimeout = SessionTimeout,
            ConnectTimeout = ConnectTimeout,
            AllowReadOnly = AllowReadOnly,
            Log = log.Add,
        };
        if (Credential is not null)
        {
            options.Auth.Add(AuthInfo.Digest(Credential.UserName, Credential.GetNetworkCredential().Password));
        }

        WriteVerbose($"Connecting to {ConnectionString} (session timeout {SessionTimeout}, connect timeout {ConnectTimeout}).");
        ZooKeeperClient client;
        try
        {
            client = Await(Start(() => ZooKeeperClient.ConnectAsync(options, StopToken)));
        }
        catch (PipelineStoppedException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // Failing to connect is a session-level failure: terminating.
            ThrowTerminatingError(ZkErrors.FromException(exception, ConnectionString));
            return;
        }

        var session = new ZkSession(client, log);
        WriteConnectionLog(session);
        WriteVerbose($"Connected to {session.Server}: session {session.Id}, timeout {session.Timeout}.");
        RunspaceSessions.Current.Add(session);
        WriteObject(session);
    }
}
