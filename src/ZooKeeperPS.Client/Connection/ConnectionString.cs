using System;
using System.Collections.Generic;
using System.Globalization;

namespace ZooKeeperPS.Client.Connection;

/// <summary>A parsed connection string: <c>host:port[,host:port...][/chroot]</c>, IPv6 hosts in brackets, default port 2181.</summary>
internal sealed class ConnectionString
{
    public const int DefaultPort = 2181;

    private ConnectionString(IReadOnlyList<HostEndpoint> hosts, string? chroot)
    {
        Hosts = hosts;
        Chroot = chroot;
    }

    public IReadOnlyList<HostEndpoint> Hosts { get; }

    /// <summary>Null when there is none (a chroot of "/" is none).</summary>
    public string? Chroot { get; }

    /// <summary>Throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static ConnectionString Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ArgumentException("The connection string is empty.", nameof(connectionString));

        var hostsPart = connectionString.Trim();
        string? chroot = null;
        var slash = hostsPart.IndexOf('/');
        if (slash >= 0)
        {
            chroot = hostsPart.Substring(slash);
            hostsPart = hostsPart.Substring(0, slash);
            if (chroot == "/") chroot = null;
            else if (!ZooKeeperPath.IsValid(chroot))
                throw new ArgumentException($"The chroot '{chroot}' of the connection string '{connectionString}' is not a valid znode path.", nameof(connectionString));
        }

        var hosts = new List<HostEndpoint>();
        foreach (var part in hostsPart.Split(','))
        {
            var entry = part.Trim();
            if (entry.Length == 0) continue;
            hosts.Add(ParseHost(entry, connectionString));
        }

        if (hosts.Count == 0)
            throw new ArgumentException($"The connection string '{connectionString}' names no server.", nameof(connectionString));
        return new ConnectionString(hosts, chroot);
    }

    private static HostEndpoint ParseHost(string entry, string connectionString)
    {
        string host;
        string? port = null;
        if (entry[0] == '[')
        {
            var close = entry.IndexOf(']');
            if (close < 0) throw Bad(entry, connectionString, "an IPv6 address has no closing ']'");
            host = entry.Substring(1, close - 1);
            var rest = entry.Substring(close + 1);
            if (rest.Length > 0)
            {
                if (rest[0] != ':') throw Bad(entry, connectionString, "expected ':port' after ']'");
                port = rest.Substring(1);
            }
        }
        else
        {
            var colon = entry.IndexOf(':');
            if (colon >= 0 && entry.IndexOf(':', colon + 1) >= 0)
                throw Bad(entry, connectionString, "IPv6 addresses must be written in brackets, as [::1]:2181");
            host = colon < 0 ? entry : entry.Substring(0, colon);
            if (colon >= 0) port = entry.Substring(colon + 1);
        }

        if (host.Length == 0) throw Bad(entry, connectionString, "the host is empty");
        var portNumber = DefaultPort;
        if (port is not null &&
            (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) || portNumber < 1 || portNumber > 65535))
            throw Bad(entry, connectionString, $"'{port}' is not a port number (1-65535)");
        return new HostEndpoint(host, portNumber);
    }

    private static ArgumentException Bad(string entry, string connectionString, string problem) =>
        new($"Invalid server '{entry}' in the connection string '{connectionString}': {problem}.", nameof(connectionString));
}
