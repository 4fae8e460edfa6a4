using System;

namespace ZooKeeperPS.Client.Protocol;

/// <summary>The server sent something this client cannot accept (bad frame, bad record, xid out of order): the connection is dropped.</summary>
internal sealed class ProtocolException : Exception
{
    public ProtocolException(string message) : base(message)
    {
    }
}
