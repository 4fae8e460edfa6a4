using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ZooKeeperPS.Client;

/// <summary>
/// The ensemble's membership as the /zookeeper/config node holds it (ZooKeeper 3.5+): "server.N=host:quorumPort:
/// electionPort[:role][;[clientHost:]clientPort]" lines and "version=&lt;hex&gt;", the config's id that a
/// reconfiguration names as its expected version. A standalone server without a dynamic configuration has an empty node.
/// </summary>
public sealed class EnsembleConfig
{
    private EnsembleConfig(IReadOnlyList<EnsembleMember> members, long version, string text)
    {
        Members = members;
        Version = version;
        Text = text;
    }

    public IReadOnlyList<EnsembleMember> Members { get; }

    /// <summary>The config's id (the zxid that made it; 0 when the node gives none): the expected version of a reconfiguration.</summary>
    public long Version { get; }

    /// <summary>The node's text as the server holds it.</summary>
    public string Text { get; }

    /// <summary>Reads the node's bytes; lines that are neither server.N nor version are ignored, a malformed server line is a FormatException.</summary>
    public static EnsembleConfig Parse(byte[] data)
    {
        if (data is null) throw new ArgumentNullException(nameof(data));
        var text = Encoding.UTF8.GetString(data);
        var members = new List<EnsembleMember>();
        long version = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("version=", StringComparison.Ordinal))
            {
                version = long.Parse(line.Substring("version=".Length), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("server.", StringComparison.Ordinal))
            {
                members.Add(EnsembleMember.Parse(line));
            }
        }
        return new EnsembleConfig(members, version, text);
    }
}

/// <summary>One server.N line of the ensemble's configuration.</summary>
public sealed class EnsembleMember
{
    private EnsembleMember(long id, string host, int quorumPort, int electionPort, string role, HostEndpoint? clientAddress, string line)
    {
        Id = id;
        Host = host;
        QuorumPort = quorumPort;
        ElectionPort = electionPort;
        Role = role;
        ClientAddress = clientAddress;
        Line = line;
    }

    /// <summary>The server id (myid), the N of server.N.</summary>
    public long Id { get; }

    /// <summary>The host of the quorum and election ports.</summary>
    public string Host { get; }

    /// <summary>The port followers use to talk to the leader.</summary>
    public int QuorumPort { get; }

    public int ElectionPort { get; }

    /// <summary>participant (votes) or observer.</summary>
    public string Role { get; }

    /// <summary>The client port; null when the line names none (a static configuration). A wildcard host (0.0.0.0) is replaced by <see cref="Host"/>.</summary>
    public HostEndpoint? ClientAddress { get; }

    /// <summary>The whole line, as a reconfiguration takes it: "server.N=...".</summary>
    public string Line { get; }

    /// <summary>Parses "server.N=host:quorumPort:electionPort[:role][;[clientHost:]clientPort]"; a FormatException names what is wrong.</summary>
    public static EnsembleMember Parse(string line)
    {
        if (line is null) throw new ArgumentNullException(nameof(line));
        line = line.Trim();
        var equals = line.IndexOf('=');
        if (!line.StartsWith("server.", StringComparison.Ordinal) || equals < 0
            || !long.TryParse(line.Substring(7, equals - 7), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            throw new FormatException($"'{line}' is not a server line: server.N=host:quorumPort:electionPort[:participant|observer][;[clientHost:]clientPort].");

        var value = line.Substring(equals + 1);
        var semicolon = value.IndexOf(';');
        var server = semicolon < 0 ? value : value.Substring(0, semicolon);
        var client = semicolon < 0 ? null : value.Substring(semicolon + 1).Trim();

        var (host, rest) = SplitHost(server, line);
        var parts = rest.Split(':');
        if (parts.Length < 2 || parts.Length > 3 || !TryPort(parts[0], out var quorumPort) || !TryPort(parts[1], out var electionPort))
            throw new FormatException($"'{line}' does not give host:quorumPort:electionPort.");
        var role = parts.Length == 3 ? parts[2].Trim().ToLowerInvariant() : "participant";
        if (role != "participant" && role != "observer")
            throw new FormatException($"'{line}' names the role '{parts[2]}': participant or observer.");

        HostEndpoint? clientAddress = null;
        if (!string.IsNullOrEmpty(client))
        {
            string clientHost;
            string portText;
            if (client!.IndexOf(':') < 0 && !client.StartsWith("[", StringComparison.Ordinal))
            {
                clientHost = host;
                portText = client;
            }
            else
            {
                var (parsedHost, port) = SplitHost(client, line);
                clientHost = parsedHost is "0.0.0.0" or "::" or "0:0:0:0:0:0:0:0" ? host : parsedHost;
                portText = port;
            }
            if (!TryPort(portText, out var clientPort)) throw new FormatException($"'{line}' has no client port after ';'.");
            clientAddress = new HostEndpoint(clientHost, clientPort);
        }
        return new EnsembleMember(id, host, quorumPort, electionPort, role, clientAddress, line);
    }

    public override string ToString() => Line;

    /// <summary>"host:rest" or "[ipv6]:rest" into the host and the rest.</summary>
    private static (string Host, string Remainder) SplitHost(string text, string line)
    {
        text = text.Trim();
        if (text.StartsWith("[", StringComparison.Ordinal))
        {
            var close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0) throw new FormatException($"'{line}' has an unclosed [IPv6] address.");
            return (text.Substring(1, close - 1), text.Substring(close + 2));
        }
        var colon = text.IndexOf(':');
        if (colon <= 0) throw new FormatException($"'{line}' gives no host:port.");
        return (text.Substring(0, colon), text.Substring(colon + 1));
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536;
}
