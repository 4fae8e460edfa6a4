namespace ZooKeeperPS.Client;

/// <summary>One identity the server holds for this session (whoAmI).</summary>
public sealed class ClientInfo
{
    public ClientInfo(string authScheme, string user)
    {
        AuthScheme = authScheme;
        User = user;
    }

    public string AuthScheme { get; }

    public string User { get; }

    public override string ToString() => AuthScheme + ":" + User;
}
