using System;
using System.Collections.Generic;

namespace ZooKeeperPS.Client.Connection;

/// <summary>A parsed connection string: <c>host:port[,host:port...][/chroot]</c>, IPv6 hosts in brackets, default port 2181.</summary>
internal sealed class ConnectionString
{
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

    private static HostEndpoint ParseHost(string entry, string connectionString) =>
        HostEndpoint.TryParse(entry, out var problem) ?? throw Bad(entry, connectionString, problem);

    private static ArgumentException Bad(string entry, string connectionString, string problem) =>
        new($"Invalid server '{entry}' in the connection string '{connectionString}': {problem}.", nameof(connectionString));
}
