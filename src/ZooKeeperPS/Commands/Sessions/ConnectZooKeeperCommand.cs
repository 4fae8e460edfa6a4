using System;
using System.Management.Automation;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

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
    [SecondsArgumentTransformation]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Parameter]
    [SecondsArgumentTransformation]
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
            // Get-ZkChildItem reads data 16 nodes per multiRead: 16 nodes of up to 4 MB (a server with a raised
            // jute.maxbuffer) must fit one reply.
            MaxFrameLength = TreeWalker.ReadsPerRequest * 4 * 1024 * 1024 + 1024 * 1024,
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
            client = this.Await(() => ZooKeeperClient.ConnectAsync(options, StopToken), null);
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

        AssertChrootExists(client);
        var session = new ZkSession(client, log);
        // The client's log says "connected to <server>, session <id>, timeout <ms>" once: nothing to add.
        WriteConnectionLog(session);
        RunspaceSessions.Current.Add(session);
        WriteObject(session);
    }

    /// <summary>
    /// Fails (and closes the new session) when the chroot in the connection string does not exist: every later call
    /// would otherwise fail with a puzzling NoNode for "/", and a session under the chroot cannot create it.
    /// </summary>
    private void AssertChrootExists(ZooKeeperClient client)
    {
        if (client.Chroot is null)
        {
            return;
        }
        Stat? chroot;
        try
        {
            chroot = this.Await(() => client.ExistsAsync("/", null, StopToken), null);
        }
        catch (Exception exception) when (exception is not PipelineStoppedException)
        {
            client.Dispose();
            ThrowTerminatingError(ZkErrors.FromException(exception, ConnectionString));
            return;
        }
        catch
        {
            client.Dispose();
            throw;
        }
        if (chroot is null)
        {
            client.Dispose();
            ThrowTerminatingError(new ErrorRecord(
                new ItemNotFoundException(
                    $"The chroot {client.Chroot} of '{ConnectionString}' does not exist. Create it from a session without the chroot " +
                    $"(New-ZkNode {client.Chroot} -MakePath), then connect again."),
                "ZooKeeper.ChrootNotFound", ErrorCategory.ObjectNotFound, ConnectionString));
        }
    }
}
