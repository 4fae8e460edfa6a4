using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client;

/// <summary>One server: a host name or address and a client port (one member of a connection string).</summary>
public sealed class HostEndpoint : IEquatable<HostEndpoint>
{
    /// <summary>ZooKeeper's usual client port, used when a server is named without one.</summary>
    public const int DefaultPort = 2181;

    /// <param name="host">A name or an address; an IPv6 address without brackets.</param>
    /// <param name="port">1 to 65535.</param>
    public HostEndpoint(string host, int port = DefaultPort)
    {
        if (string.IsNullOrEmpty(host)) throw new ArgumentException("The host must not be empty.", nameof(host));
        if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "A port number is 1 to 65535.");
        Host = host;
        Port = port;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>Reads <c>host</c>, <c>host:port</c> or <c>[IPv6]:port</c>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static HostEndpoint Parse(string server)
    {
        if (server is null) throw new ArgumentNullException(nameof(server));
        var endpoint = TryParse(server.Trim(), out var problem);
        return endpoint ?? throw new FormatException($"Invalid server '{server}': {problem}.");
    }

    /// <summary>
    /// The servers of a connection string (<c>host:port[,host:port...][/chroot]</c>; the chroot is ignored); throws
    /// <see cref="ArgumentException"/> saying what is wrong.
    /// </summary>
    public static IReadOnlyList<HostEndpoint> ParseConnectionString(string connectionString) =>
        Connection.ConnectionString.Parse(connectionString).Hosts;

    /// <summary>The endpoint, or null with the problem in a few words (the connection string parser words its own message).</summary>
    internal static HostEndpoint? TryParse(string entry, out string problem)
    {
        problem = "";
        string host;
        string? port = null;
        if (entry.Length > 0 && entry[0] == '[')
        {
            var close = entry.IndexOf(']');
            if (close < 0)
            {
                problem = "an IPv6 address has no closing ']'";
                return null;
            }

            host = entry.Substring(1, close - 1);
            var rest = entry.Substring(close + 1);
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    problem = "expected ':port' after ']'";
                    return null;
                }

                port = rest.Substring(1);
            }
        }
        else
        {
            var colon = entry.IndexOf(':');
            if (colon >= 0 && entry.IndexOf(':', colon + 1) >= 0)
            {
                problem = "IPv6 addresses must be written in brackets, as [::1]:2181";
                return null;
            }

            host = colon < 0 ? entry : entry.Substring(0, colon);
            if (colon >= 0) port = entry.Substring(colon + 1);
        }

        if (host.Length == 0)
        {
            problem = "the host is empty";
            return null;
        }

        var portNumber = DefaultPort;
        if (port is not null &&
            (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) || portNumber < 1 || portNumber > 65535))
        {
            problem = $"'{port}' is not a port number (1-65535)";
            return null;
        }

        return new HostEndpoint(host, portNumber);
    }

    /// <summary>The host's addresses, resolved again on every call (DNS may change between attempts).</summary>
    internal async Task<IPAddress[]> ResolveAsync()
    {
        if (IPAddress.TryParse(Host, out var address)) return new[] { address };
        return await Dns.GetHostAddressesAsync(Host).ConfigureAwait(false);
    }

    /// <summary>Host names compare without case, as DNS does.</summary>
    public bool Equals(HostEndpoint? other) =>
        other is not null && Port == other.Port && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => Equals(obj as HostEndpoint);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Host) * 31 + Port;

    /// <summary><c>host:port</c>, with an IPv6 address in brackets.</summary>
    public override string ToString() => Host.IndexOf(':') >= 0 ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
