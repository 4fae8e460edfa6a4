using System;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>Opens a session and makes it the runspace's default session. Never prompts.</summary>
[Cmdlet(VerbsCommunications.Connect, "ZooKeeper")]
[OutputType(typeof(ZkSession))]
public sealed class ConnectZooKeeperCommand : ZkTlsCmdlet
{
    /// <summary>The transport for every connection of the session, made once in BeginProcessing; null without -UseTls.</summary>
    private TlsTransport? _tls;

    /// <summary>
    /// host:port[,host:port...][/chroot]. An array is joined with commas: typed unquoted, h1:2181,h2:2181 reaches the
    /// cmdlet as two strings.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] ConnectionString { get; set; } = { "127.0.0.1:2181" };

    [Parameter]
    [SecondsArgumentTransformation]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Parameter]
    [SecondsArgumentTransformation]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The credentials for -Authentication (Digest when -Authentication is not given), presented right after each
    /// connect and again after reconnects.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>
    /// Digest: the digest scheme's auth packet with -Credential. SaslDigest: a SASL DIGEST-MD5 login with -Credential.
    /// Kerberos: a SASL GSSAPI login with the current ticket, or a password login for -Credential's principal.
    /// </summary>
    [Parameter]
    [ValidateSet(AuthenticationArguments.Digest, AuthenticationArguments.SaslDigest, AuthenticationArguments.Kerberos)]
    public string? Authentication { get; set; }

    /// <summary>The SASL service principal as service/host (default zookeeper/ and the host dialled; zookeeper/zk-sasl-md5 for SaslDigest).</summary>
    [Parameter]
    [ValidatePattern("^[^/@]+/[^/@]+$")]
    public string? ServicePrincipal { get; set; }

    [Parameter]
    public SwitchParameter AllowReadOnly { get; set; }

    /// <summary>Also mounts the session as a drive of this name (zk: for -DriveName zk), rooted at / of the session.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DriveName { get; set; }

    /// <summary>The servers' jute.maxbuffer: the largest request and reply in bytes (default 1,048,575).</summary>
    [Parameter]
    [ValidateRange(1024, int.MaxValue)]
    public int JuteMaxBuffer { get; set; } = ZooKeeperClientOptions.DefaultJuteMaxBuffer;

    protected override void BeginProcessing()
    {
        if (SessionTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(
                "-SessionTimeout and -ConnectTimeout must be positive, for example -SessionTimeout 00:00:10.", "InvalidTimeout", null));
        }

        _tls = CreateTlsTransport();
    }

    protected override void ProcessRecord()
    {
        var log = new ConnectionLog();
        var connectionString = string.Join(",", ConnectionString);
        var options = new ZooKeeperClientOptions
        {
            ConnectionString = connectionString,
            SessionTimeout = SessionTimeout,
            ConnectTimeout = ConnectTimeout,
            AllowReadOnly = AllowReadOnly,
            JuteMaxBuffer = JuteMaxBuffer,
            Log = log.Add,
        };
        if (_tls is not null) options.Transport = _tls;
        AddAuthentication(options);

        WriteVerbose($"Connecting to {connectionString} (session timeout {SessionTimeout}, connect timeout {ConnectTimeout}).");
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
            ThrowTerminatingError(ZkErrors.FromException(exception, connectionString));
            return;
        }

        AssertChrootExists(client);
        var session = new ZkSession(client, log) { Tls = _tls is not null, Transport = _tls };
        if (Credential is not null || Authentication is not null || _tls?.ClientCertificate is not null)
        {
            SessionIdentities.Refresh(this, session);
        }
        // The client's log says "connected to <server>, session <id>, timeout <ms>" once: nothing to add.
        WriteConnectionLog(session);
        RunspaceSessions.Current.Add(session);
        if (DriveName is not null)
        {
            ZkDriveInfo.Mount(this, DriveName, session);
        }
        WriteObject(session);
    }

    /// <summary>Puts -Authentication, -Credential and -ServicePrincipal into the options; passwords stay SecureStrings.</summary>
    private void AddAuthentication(ZooKeeperClientOptions options)
    {
        var authentication = Authentication is null ? Credential is null ? null : AuthenticationArguments.Digest : AuthenticationArguments.Canonical(Authentication);
        if (ServicePrincipal is not null && authentication is null)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(
                "-ServicePrincipal is for SASL logins: use it with -Authentication SaslDigest or Kerberos.", "ServicePrincipalWithoutSasl", ServicePrincipal));
        }
        if (authentication is null)
        {
            return;
        }
        if (AuthenticationArguments.Problem(authentication, Credential, ServicePrincipal) is { } problem)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(problem.Message, problem.ErrorId, authentication));
        }
        if (authentication == AuthenticationArguments.Digest)
        {
            options.Auth.Add(AuthenticationArguments.DigestCredential(Credential!));
            return;
        }

        options.Sasl = AuthenticationArguments.Sasl(authentication, Credential, ServicePrincipal);
        WriteVerbose($"Authenticating with SASL {options.Sasl}" + (Credential is null ? " (the current Kerberos ticket)." : "."));
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
            ThrowTerminatingError(ZkErrors.FromException(exception, client.ConnectionString));
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
                    $"The chroot {client.Chroot} of '{client.ConnectionString}' does not exist. Create it from a session without the chroot " +
                    $"(New-ZkNode {client.Chroot} -MakePath), then connect again."),
                "ZooKeeper.ChrootNotFound", ErrorCategory.ObjectNotFound, client.ConnectionString));
        }
    }
}
