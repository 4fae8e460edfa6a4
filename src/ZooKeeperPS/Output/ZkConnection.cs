using System;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>One client connection of a server, from its cons four-letter word or its AdminServer's connections command.</summary>
public sealed class ZkConnection
{
    private readonly ClientConnection _connection;

    internal ZkConnection(ClientConnection connection) => _connection = connection;

    /// <summary>host:port of the server the client is connected to.</summary>
    public string Server => _connection.Server.ToString();

    /// <summary>The client's address and port as the server sees it.</summary>
    public string Address => _connection.Address;

    /// <summary>The session id in ZooKeeper's hex form, as ZkSession.Id writes it.</summary>
    public string? SessionId => _connection.SessionId is { } id ? ZkSession.FormatId(id) : null;

    /// <summary>Requests received and not yet answered.</summary>
    public long? Queued => _connection.Queued;

    public long? Received => _connection.Received;

    public long? Sent => _connection.Sent;

    public string? LastOperation => _connection.LastOperation;

    public DateTimeOffset? Established => _connection.Established;

    public TimeSpan? SessionTimeout => _connection.SessionTimeout;

    public long? LastCxid => _connection.LastCxid;

    public long? LastZxid => _connection.LastZxid;

    public long? LastLatency => _connection.LastLatency;

    public long? MinLatency => _connection.MinLatency;

    public double? AverageLatency => _connection.AverageLatency;

    public long? MaxLatency => _connection.MaxLatency;

    public override string ToString() => $"{Address} {SessionId}";
}
