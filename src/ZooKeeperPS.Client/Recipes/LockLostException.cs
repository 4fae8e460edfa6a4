using System;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>A lock whose session ended while it was held (or whose node vanished): another session may hold it now.</summary>
public sealed class LockLostException : Exception
{
    public LockLostException(string path, Exception? inner = null)
        : base($"The lock on {path} was lost: its session ended (or its node was deleted) while it was held, so another session may hold it now.", inner)
    {
        Path = path;
    }

    public string Path { get; }
}
