using System;
using System.Collections.Generic;

namespace ZooKeeperPS.Client;

public sealed class CreateOp : Op
{
    internal CreateOp(string path, byte[]? data, CreateMode mode, IReadOnlyList<Acl> acl, TimeSpan? ttl) : base(path)
    {
        Data = data;
        Mode = mode;
        Acl = acl;
        Ttl = ttl;
    }

    public byte[]? Data { get; }

    public CreateMode Mode { get; }

    public IReadOnlyList<Acl> Acl { get; }

    public TimeSpan? Ttl { get; }

    public override string ToString() => $"create {Path} ({Mode})";
}
