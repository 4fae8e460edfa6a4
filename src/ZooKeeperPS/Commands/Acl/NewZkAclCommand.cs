using System.Management.Automation;
using System.Net;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Builds ACL entries for Set-ZkAcl and New-ZkNode -Acl, one per call: world (the default), ip, digest (the id is
/// computed from the credential, whose password is used for that alone and never kept), x509, sasl, auth, and two
/// presets. It talks to no server.
/// </summary>
[Cmdlet(VerbsCommon.New, "ZkAcl", DefaultParameterSetName = WorldSet)]
[OutputType(typeof(ZkAclEntry))]
public sealed class NewZkAclCommand : PSCmdlet
{
    private const string WorldSet = "World";
    private const string IpSet = "Ip";
    private const string DigestSet = "Digest";
    private const string X509Set = "X509";
    private const string SaslSet = "Sasl";
    private const string AuthSet = "Auth";
    private const string CreatorAllSet = "CreatorAll";
    private const string ReadOnlyWorldSet = "ReadOnlyWorld";

    /// <summary>world:anyone, everybody (the default).</summary>
    [Parameter(ParameterSetName = WorldSet)]
    public SwitchParameter World { get; set; }

    /// <summary>An address or a network (address/bits), IPv4 or IPv6.</summary>
    [Parameter(Mandatory = true, ParameterSetName = IpSet)]
    [ValidateNotNullOrEmpty]
    public string Ip { get; set; } = "";

    [Parameter(ParameterSetName = DigestSet)]
    public SwitchParameter Digest { get; set; }

    /// <summary>The digest user and password; the entry's id is user:Base64(SHA1(user:password)).</summary>
    [Parameter(Mandatory = true, ParameterSetName = DigestSet)]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    [Parameter(ParameterSetName = X509Set)]
    public SwitchParameter X509 { get; set; }

    /// <summary>The client certificate's subject distinguished name, as the server reports it.</summary>
    [Parameter(Mandatory = true, ParameterSetName = X509Set)]
    [ValidateNotNullOrEmpty]
    public string Subject { get; set; } = "";

    [Parameter(ParameterSetName = SaslSet)]
    public SwitchParameter Sasl { get; set; }

    /// <summary>The SASL user (DIGEST-MD5) or Kerberos principal.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SaslSet)]
    [ValidateNotNullOrEmpty]
    public string User { get; set; } = "";

    /// <summary>auth:"" — the server replaces it by every identity the creating session has authenticated.</summary>
    [Parameter(ParameterSetName = AuthSet)]
    public SwitchParameter Auth { get; set; }

    /// <summary>All permissions for the authenticated creator (auth:"", ZooKeeper's CREATOR_ALL_ACL).</summary>
    [Parameter(ParameterSetName = CreatorAllSet)]
    public SwitchParameter CreatorAll { get; set; }

    /// <summary>Read for everybody (world:anyone, ZooKeeper's READ_ACL_UNSAFE).</summary>
    [Parameter(ParameterSetName = ReadOnlyWorldSet)]
    public SwitchParameter ReadOnlyWorld { get; set; }

    [Parameter(Position = 0, ParameterSetName = WorldSet)]
    [Parameter(Position = 0, ParameterSetName = IpSet)]
    [Parameter(Position = 0, ParameterSetName = DigestSet)]
    [Parameter(Position = 0, ParameterSetName = X509Set)]
    [Parameter(Position = 0, ParameterSetName = SaslSet)]
    [Parameter(Position = 0, ParameterSetName = AuthSet)]
    [PermissionArgumentTransformation]
    public ZkPermission Permission { get; set; } = ZkPermission.All;

    protected override void ProcessRecord()
    {
        var entry = ParameterSetName switch
        {
            IpSet => new ZkAclEntry("ip", CheckedIp(Ip), Permission),
            DigestSet => DigestEntry(),
            X509Set => new ZkAclEntry("x509", Subject, Permission),
            SaslSet => new ZkAclEntry("sasl", User, Permission),
            AuthSet => new ZkAclEntry("auth", "", Permission),
            CreatorAllSet => new ZkAclEntry("auth", "", ZkPermission.All),
            ReadOnlyWorldSet => new ZkAclEntry("world", "anyone", ZkPermission.Read),
            _ => new ZkAclEntry("world", "anyone", Permission),
        };
        WriteObject(entry);
    }

    private ZkAclEntry DigestEntry()
    {
        var user = Credential!.UserName;
        if (string.IsNullOrEmpty(user) || user.IndexOf(':') >= 0)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(
                "A digest user name must not be empty or contain ':'.", "InvalidDigestUser", user));
        }
        var id = Id.Digest(user, Credential.Password);
        return new ZkAclEntry(id.Scheme, id.Identity, Permission);
    }

    /// <summary>The server's ip scheme takes an address, optionally with a prefix length; a typo would match no client.</summary>
    private string CheckedIp(string value)
    {
        var slash = value.IndexOf('/');
        var address = slash < 0 ? value : value.Substring(0, slash);
        var valid = IPAddress.TryParse(address, out var parsed);
        if (valid && slash >= 0)
        {
            var maxBits = parsed!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
            valid = int.TryParse(value.Substring(slash + 1), out var bits) && bits >= 0 && bits <= maxBits;
        }
        if (!valid)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(
                $"'{value}' is not an IP address or network (address/bits), for example 10.0.0.0/8 or 127.0.0.1.", "InvalidIpAddress", value));
        }
        return value;
    }
}
