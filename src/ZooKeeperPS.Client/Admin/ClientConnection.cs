using System;
using System.Collections.Generic;
using System.Globalization;

namespace ZooKeeperPS.Client;

/// <summary>
/// One client connection of a server, as its cons four-letter word lists it (the connection that asks is among
/// them, without a session). Figures the server did not give are null.
/// </summary>
public sealed class ClientConnection
{
    private ClientConnection(HostEndpoint server, string address, IReadOnlyDictionary<string, string> fields)
    {
        Server = server;
        Address = address;
        Queued = Whole(fields, "queued");
        Received = Whole(fields, "recved");
        Sent = Whole(fields, "sent");
        SessionId = Hex(fields, "sid");
        LastOperation = fields.TryGetValue("lop", out var lop) ? lop : null;
        Established = Time(fields, "est");
        SessionTimeout = Whole(fields, "to") is { } timeout ? TimeSpan.FromMilliseconds(timeout) : null;
        LastCxid = Hex(fields, "lcxid");
        LastZxid = Hex(fields, "lzxid");
        LastResponse = Time(fields, "lresp");
        LastLatency = Whole(fields, "llat");
        MinLatency = Whole(fields, "minlat");
        AverageLatency = fields.TryGetValue("avglat", out var avg) && double.TryParse(avg, NumberStyles.Float, CultureInfo.InvariantCulture, out var average) ? average : null;
        MaxLatency = Whole(fields, "maxlat");
    }

    public HostEndpoint Server { get; }

    /// <summary>The client's address and port as the server sees it, e.g. 127.0.0.1:53412.</summary>
    public string Address { get; }

    /// <summary>Requests received and not yet answered.</summary>
    public long? Queued { get; }

    public long? Received { get; }

    public long? Sent { get; }

    /// <summary>The session on the connection; null before the handshake (the cons connection itself).</summary>
    public long? SessionId { get; }

    public string? LastOperation { get; }

    public DateTimeOffset? Established { get; }

    public TimeSpan? SessionTimeout { get; }

    public long? LastCxid { get; }

    public long? LastZxid { get; }

    public DateTimeOffset? LastResponse { get; }

    public long? LastLatency { get; }

    public long? MinLatency { get; }

    public double? AverageLatency { get; }

    public long? MaxLatency { get; }

    /// <summary>
    /// The connections in a cons answer: lines " /127.0.0.1:53412[1](queued=0,recved=5,sent=5,sid=0x1000...,lop=PING,...)";
    /// lines of another shape are skipped.
    /// </summary>
    public static IReadOnlyList<ClientConnection> ParseCons(HostEndpoint server, string answer)
    {
        if (server is null) throw new ArgumentNullException(nameof(server));
        if (answer is null) throw new ArgumentNullException(nameof(answer));
        var connections = new List<ClientConnection>();
        foreach (var raw in answer.Split('\n'))
        {
            var line = raw.Trim();
            var open = line.IndexOf('(');
            if (!line.StartsWith("/", StringComparison.Ordinal) || open < 0 || !line.EndsWith(")", StringComparison.Ordinal)) continue;
            var address = line.Substring(1, open - 1);
            var bracket = address.IndexOf('[');
            if (bracket >= 0) address = address.Substring(0, bracket);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in line.Substring(open + 1, line.Length - open - 2).Split(','))
            {
                var equals = pair.IndexOf('=');
                if (equals > 0) fields[pair.Substring(0, equals)] = pair.Substring(equals + 1);
            }
            connections.Add(new ClientConnection(server, address, fields));
        }
        return connections;
    }

    private static long? Whole(IReadOnlyDictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? Hex(IReadOnlyDictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var text) ? ServerStatus.ParseZxid(text) : null;

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, string> fields, string key) =>
        Whole(fields, key) is { } milliseconds and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
}
