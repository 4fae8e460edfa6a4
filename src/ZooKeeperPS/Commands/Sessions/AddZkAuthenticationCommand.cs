using System.Management.Automation;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Adds credentials to an open session, as zkCli's addauth does: the server adds the identity to the session, and the
/// client sends the credentials again after every reconnect. The password is passed to the client and kept only there.
/// </summary>
[Cmdlet(VerbsCommon.Add, "ZkAuthentication")]
public sealed class AddZkAuthenticationCommand : ZkSessionCmdlet
{
    /// <summary>The auth scheme; digest is the one whose credentials are a user and a password.</summary>
    [Parameter]
    [ValidateSet("digest")]
    public string Scheme { get; set; } = "digest";

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        var user = Credential!.UserName;
        if (string.IsNullOrEmpty(user) || user.IndexOf(':') >= 0)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(
                "A digest user name must not be empty or contain ':'.", "InvalidDigestUser", user));
        }
        var auth = AuthInfo.Digest(user, Credential.GetNetworkCredential().Password);
        WriteVerbose($"Adding {Scheme} credentials for user '{user}' to session {session.Id}.");
        var client = session.Client;
        var token = StopToken;
        var added = ClientCall.Start(() => client.AddAuthAsync(auth, token));
        WaitFor(added, session);
        if (added.Status != TaskStatus.RanToCompletion)
        {
            // Rejected credentials (AuthFailed) end the session: that error is terminating.
            WriteFailure(ClientCall.FailureOf(added), session);
        }
    }
}
