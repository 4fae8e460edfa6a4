namespace ZooKeeperPS.Client.Connection;

/// <summary>One server of the connection string.</summary>
internal sealed class HostEndpoint
{
    public HostEndpoint(string host, int port)
    {
        Host = host;
        Port = port;
    }

    /// <summary>A name or an address (IPv6 without brackets).</summary>
    public string Host { get; }

    public int Port { get; }

    public override string ToString() => Host.IndexOf(':') >= 0 ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
