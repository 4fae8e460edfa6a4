using System;
using System.Collections.Generic;
using System.Globalization;

namespace ZooKeeperPS.Client;

/// <summary>
/// One client connection of a server, as its cons four-letter word or its AdminServer's connections command lists
/// it (the cons connection that asks is among them, without a session). Figures the server did not give are null.
/// The time of the last response is left out: the server counts it on its monotonic clock, not in wall-clock time.
/// </summary>
public sealed class ClientConnection
{
    private ClientConnection(HostEndpoint server, string address)
    {
        Server = server;
        Address = address;
    }

    public HostEndpoint Server { get; }

    /// <summary>The client's address and port as the server sees it, e.g. 127.0.0.1:53412.</summary>
    public string Address { get; }

    /// <summary>Requests received and not yet answered.</summary>
    public long? Queued { get; private set; }

    public long? Received { get; private set; }

    public long? Sent { get; private set; }

    /// <summary>The session on the connection; null before the handshake (the cons connection itself).</summary>
    public long? SessionId { get; private set; }

    public string? LastOperation { get; private set; }

    public DateTimeOffset? Established { get; private set; }

    public TimeSpan? SessionTimeout { get; private set; }

    public long? LastCxid { get; private set; }

    public long? LastZxid { get; private set; }

    public long? LastLatency { get; private set; }

    public long? MinLatency { get; private set; }

    public double? AverageLatency { get; private set; }

    public long? MaxLatency { get; private set; }

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
            connections.Add(new ClientConnection(server, address)
            {
                Queued = Whole(fields, "queued"),
                Received = Whole(fields, "recved"),
                Sent = Whole(fields, "sent"),
                SessionId = Hex(fields, "sid"),
                LastOperation = fields.TryGetValue("lop", out var lop) ? lop : null,
                Established = Time(Whole(fields, "est")),
                SessionTimeout = Duration(Whole(fields, "to")),
                LastCxid = Hex(fields, "lcxid"),
                LastZxid = Hex(fields, "lzxid"),
                LastLatency = Whole(fields, "llat"),
                MinLatency = Whole(fields, "minlat"),
                AverageLatency = fields.TryGetValue("avglat", out var avg) && double.TryParse(avg, NumberStyles.Float, CultureInfo.InvariantCulture, out var average) ? average : null,
                MaxLatency = Whole(fields, "maxlat"),
            });
        }
        return connections;
    }

    /// <summary>
    /// The connections in the answer to the AdminServer's connections command: its "connections" and, on a TLS port,
    /// "secure_connections" lists. A connection without a session has session_id 0.
    /// </summary>
    public static IReadOnlyList<ClientConnection> FromConnectionsCommand(HostEndpoint server, IReadOnlyDictionary<string, object?> answer)
    {
        if (server is null) throw new ArgumentNullException(nameof(server));
        if (answer is null) throw new ArgumentNullException(nameof(answer));
        var connections = new List<ClientConnection>();
        foreach (var list in new[] { "connections", "secure_connections" })
        {
            if (!answer.TryGetValue(list, out var items) || items is not List<object?> entries) continue;
            foreach (var entry in entries)
            {
                if (entry is not IReadOnlyDictionary<string, object?> fields) continue;
                connections.Add(new ClientConnection(server, Text(fields, "remote_socket_address") ?? "")
                {
                    Queued = Number(fields, "outstanding_requests"),
                    Received = Number(fields, "packets_received"),
                    Sent = Number(fields, "packets_sent"),
                    SessionId = Number(fields, "session_id") is { } id and not 0 ? id : null,
                    LastOperation = Text(fields, "last_operation"),
                    Established = Time(Number(fields, "established")),
                    SessionTimeout = Duration(Number(fields, "session_timeout")),
                    LastCxid = Number(fields, "last_cxid"),
                    LastZxid = Number(fields, "last_zxid"),
                    LastLatency = Number(fields, "last_latency"),
                    MinLatency = Number(fields, "min_latency"),
                    AverageLatency = fields.TryGetValue("avg_latency", out var avg) && avg is long or double ? Convert.ToDouble(avg, CultureInfo.InvariantCulture) : null,
                    MaxLatency = Number(fields, "max_latency"),
                });
            }
        }
        return connections;
    }

    private static long? Whole(IReadOnlyDictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? Hex(IReadOnlyDictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var text) ? ServerStatus.ParseZxid(text) : null;

    private static long? Number(IReadOnlyDictionary<string, object?> fields, string key) =>
        fields.TryGetValue(key, out var value) && value is long number ? number : null;

    private static string? Text(IReadOnlyDictionary<string, object?> fields, string key) =>
        fields.TryGetValue(key, out var value) ? value as string : null;

    private static DateTimeOffset? Time(long? milliseconds) =>
        milliseconds is { } since and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(since) : null;

    private static TimeSpan? Duration(long? milliseconds) => milliseconds is { } span ? TimeSpan.FromMilliseconds(span) : null;
}
