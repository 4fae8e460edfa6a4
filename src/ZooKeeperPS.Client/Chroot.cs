using System;

namespace ZooKeeperPS.Client;

/// <summary>The chroot of a connection string: prepended to request paths, stripped from paths the server sends back.</summary>
internal sealed class Chroot
{
    public Chroot(string? prefix) => Prefix = prefix;

    /// <summary>"/app" for a connection string ending in "/app"; null when there is none.</summary>
    public string? Prefix { get; }

    public string ToServer(string clientPath)
    {
        if (Prefix is null) return clientPath;
        return clientPath == "/" ? Prefix : Prefix + clientPath;
    }

    /// <summary>Strips the chroot at a real "/" boundary; paths outside it pass through unchanged.</summary>
    public string ToClient(string serverPath)
    {
        if (Prefix is null) return serverPath;
        if (serverPath == Prefix) return "/";
        if (serverPath.Length > Prefix.Length && serverPath[Prefix.Length] == '/'
            && serverPath.StartsWith(Prefix, StringComparison.Ordinal))
            return serverPath.Substring(Prefix.Length);
        return serverPath;
    }

    /// <summary>True when the server path is the chroot or below it.</summary>
    public bool Contains(string serverPath) =>
        Prefix is null
        || serverPath == Prefix
        || (serverPath.Length > Prefix.Length && serverPath[Prefix.Length] == '/' && serverPath.StartsWith(Prefix, StringComparison.Ordinal));
}
