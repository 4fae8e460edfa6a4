using System.Net;
using System.Threading.Tasks;

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

    /// <summary>The host's addresses, resolved again on every call (DNS may change between attempts).</summary>
    public async Task<IPAddress[]> ResolveAsync()
    {
        if (IPAddress.TryParse(Host, out var address)) return new[] { address };
        return await Dns.GetHostAddressesAsync(Host).ConfigureAwait(false);
    }

    public override string ToString() => Host.IndexOf(':') >= 0 ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
