namespace ZooKeeperPS;

/// <summary>One identity the server holds for a session (whoAmI): what the session's ACL checks are made against.</summary>
public sealed class ZkIdentity
{
    internal ZkIdentity(string scheme, string id, ZkSession session)
    {
        Scheme = scheme;
        Id = id;
        Session = session;
    }

    /// <summary>ip, digest, x509, sasl, super or another scheme of the server.</summary>
    public string Scheme { get; }

    /// <summary>The identity within the scheme: the client's address for ip, the user name for digest.</summary>
    public string Id { get; }

    public ZkSession Session { get; }

    public override string ToString() => Scheme + ":" + Id;
}
