using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// -Authentication, -Credential and -ServicePrincipal as Connect-ZooKeeper and Add-ZkAuthentication take them, made
/// into the client's credentials. Passwords go from the PSCredential's SecureString straight to the client: never a string.
/// </summary>
internal static class AuthenticationArguments
{
    public const string Digest = "Digest";
    public const string SaslDigest = "SaslDigest";
    public const string Kerberos = "Kerberos";

    /// <summary>The name in its own spelling: ValidateSet lets -Authentication saslDigest through unchanged.</summary>
    public static string Canonical(string authentication) =>
        System.Array.Find(new[] { Digest, SaslDigest, Kerberos }, name => string.Equals(name, authentication, System.StringComparison.OrdinalIgnoreCase))
        ?? authentication;

    /// <summary>A problem with the combination, in words and as an error id, or null when it is fine.</summary>
    public static (string Message, string ErrorId)? Problem(string authentication, PSCredential? credential, string? servicePrincipal)
    {
        if (servicePrincipal is not null && authentication == Digest)
            return ("-ServicePrincipal is for SASL logins: use it with -Authentication SaslDigest or Kerberos.", "ServicePrincipalWithoutSasl");
        if (credential is null && authentication != Kerberos)
            return ($"-Authentication {authentication} needs -Credential (Get-Credential, or [pscredential]::new('user', $securePassword)).", "CredentialRequired");
        if (authentication == Digest && (string.IsNullOrEmpty(credential!.UserName) || credential.UserName.IndexOf(':') >= 0))
            return ("A digest user name must not be empty or contain ':'.", "InvalidDigestUser");
        return null;
    }

    public static AuthInfo DigestCredential(PSCredential credential) => AuthInfo.Digest(credential.UserName, credential.Password);

    public static SaslOptions Sasl(string authentication, PSCredential? credential, string? servicePrincipal)
    {
        var mechanism = authentication == SaslDigest ? SaslMechanism.DigestMd5 : SaslMechanism.Gssapi;
        var sasl = new SaslOptions(mechanism, credential?.UserName, credential?.Password);
        if (servicePrincipal is not null)
        {
            var slash = servicePrincipal.IndexOf('/');
            sasl.ServiceName = servicePrincipal.Substring(0, slash);
            sasl.ServerName = servicePrincipal.Substring(slash + 1);
        }
        return sasl;
    }
}
