using System;
using System.Collections.Generic;

namespace ZooKeeperPS.Client;

/// <summary>One operation of a transaction (<see cref="ZooKeeperClient.MultiAsync"/>) or of a multi-read.</summary>
public abstract class Op
{
    private protected Op(string path) => Path = path;

    public string Path { get; }

    public static Op Create(string path, byte[]? data, CreateMode mode = CreateMode.Persistent,
        IReadOnlyList<Acl>? acl = null, TimeSpan? ttl = null)
    {
        Arguments.Mode(mode);
        ZooKeeperPath.Validate(path, mode.IsSequential());
        Arguments.Ttl(mode, ttl);
        return new CreateOp(path, data, mode, Arguments.Acl(acl), ttl);
    }

    public static Op Delete(string path, int version = -1)
    {
        ZooKeeperPath.Validate(path);
        Arguments.Version(version);
        return new DeleteOp(path, version);
    }

    public static Op SetData(string path, byte[]? data, int version = -1)
    {
        ZooKeeperPath.Validate(path);
        Arguments.Version(version);
        return new SetDataOp(path, data, version);
    }

    /// <summary>Succeeds when the node's version is <paramref name="version"/> (-1: when the node exists).</summary>
    public static Op Check(string path, int version)
    {
        ZooKeeperPath.Validate(path);
        Arguments.Version(version);
        return new CheckOp(path, version);
    }

    /// <summary>For <see cref="ZooKeeperClient.MultiReadAsync"/> only.</summary>
    public static Op GetData(string path)
    {
        ZooKeeperPath.Validate(path);
        return new GetDataOp(path);
    }

    /// <summary>For <see cref="ZooKeeperClient.MultiReadAsync"/> only.</summary>
    public static Op GetChildren(string path)
    {
        ZooKeeperPath.Validate(path);
        return new GetChildrenOp(path);
    }
}
