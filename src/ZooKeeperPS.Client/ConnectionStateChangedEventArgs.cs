using System;

namespace ZooKeeperPS.Client;

/// <summary>Data of <see cref="ZooKeeperClient.StateChanged"/>.</summary>
public sealed class ConnectionStateChangedEventArgs : EventArgs
{
    public ConnectionStateChangedEventArgs(ConnectionState oldState, ConnectionState newState, string? server)
    {
        OldState = oldState;
        NewState = newState;
        Server = server;
    }

    public ConnectionState OldState { get; }

    public ConnectionState NewState { get; }

    /// <summary>The server ("host:port") the state refers to, when there is one.</summary>
    public string? Server { get; }

    public override string ToString() => $"{OldState} -> {NewState}" + (Server is null ? "" : $" ({Server})");
}
