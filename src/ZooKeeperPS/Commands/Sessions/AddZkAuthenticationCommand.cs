using System;
using System.Management.Automation;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Adds credentials to an open session, as zkCli's addauth does: digest credentials (an auth packet), or a SASL login
/// (DIGEST-MD5 or Kerberos) on the live connection. The server adds the identity to the session, and the client
/// presents it again after every reconnect. The password goes to the client as a SecureString and is kept only there.
/// </summary>
[Cmdlet(VerbsCommon.Add, "ZkAuthentication")]
public sealed class AddZkAuthenticationCommand : ZkSessionCmdlet
{
    /// <summary>Digest (the digest scheme's auth packet, the default), SaslDigest (SASL DIGEST-MD5) or Kerberos (SASL GSSAPI).</summary>
    [Parameter]
    [Alias("Scheme")]
    [ValidateSet(AuthenticationArguments.Digest, AuthenticationArguments.SaslDigest, AuthenticationArguments.Kerberos)]
    public string Authentication { get; set; } = AuthenticationArguments.Digest;

    /// <summary>The user and password; for Kerberos optional (the current ticket when not given).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>The SASL service principal as service/host, as for Connect-ZooKeeper.</summary>
    [Parameter]
    [ValidatePattern("^[^/@]+/[^/@]+$")]
    public string? ServicePrincipal { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        var authentication = AuthenticationArguments.Canonical(Authentication);
        if (AuthenticationArguments.Problem(authentication, Credential, ServicePrincipal) is { } problem)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(problem.Message, problem.ErrorId, authentication));
        }

        var client = session.Client;
        var token = StopToken;
        Task added;
        if (authentication == AuthenticationArguments.Digest)
        {
            var auth = AuthenticationArguments.DigestCredential(Credential!);
            WriteVerbose($"Adding digest credentials for user '{auth.User}' to session {session.Id}.");
            added = ClientCall.Start(() => client.AddAuthAsync(auth, token));
        }
        else
        {
            var sasl = AuthenticationArguments.Sasl(authentication, Credential, ServicePrincipal);
            WriteVerbose($"Adding the SASL login {sasl}{(Credential is null ? " (the current Kerberos ticket)" : "")} to session {session.Id}.");
            added = ClientCall.Start(() => client.AddSaslAsync(sasl, token));
        }

        WaitFor(added, session);
        if (added.Status != TaskStatus.RanToCompletion)
        {
            var failure = ClientCall.FailureOf(added);
            if (failure is InvalidOperationException)
            {
                ThrowTerminatingError(new ErrorRecord(failure, "ZooKeeper.SaslLoginExists", ErrorCategory.InvalidOperation, session));
            }
            // Rejected credentials (AuthFailed) are terminating; a rejected SASL login leaves the session connected without it.
            WriteFailure(failure, session);
            return;
        }
        SessionIdentities.Refresh(this, session);
    }
}
