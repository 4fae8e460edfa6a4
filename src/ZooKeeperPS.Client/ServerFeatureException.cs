using System;

namespace ZooKeeperPS.Client;

/// <summary>
/// An operation newer than the server (or than what the client could learn of the server's version), refused
/// before it is sent: a server that does not know an opcode drops the connection. It is a NotSupportedException, so
/// a caller can fall back to older operations (one getData per node instead of multiRead, one-shot watches instead
/// of addWatch).
/// </summary>
public sealed class ServerFeatureException : NotSupportedException
{
    public ServerFeatureException(string feature, Version requiredVersion, Version? serverVersion, string message)
        : base(message)
    {
        Feature = feature;
        RequiredVersion = requiredVersion;
        ServerVersion = serverVersion;
    }

    /// <summary>The operation, as "MultiRead" or "AddWatch".</summary>
    public string Feature { get; }

    /// <summary>The first ZooKeeper version that has it.</summary>
    public Version RequiredVersion { get; }

    /// <summary>The server's version, or null when it could not be learnt (the message says why).</summary>
    public Version? ServerVersion { get; }
}
