using System;
using System.Collections.Generic;

namespace ZooKeeperPS.Client;

/// <summary>The result of one operation of a multi or multi-read.</summary>
public abstract class OpResult
{
    private protected OpResult(ErrorCode error) => Error = error;

    /// <summary>Ok on success.</summary>
    public ErrorCode Error { get; }
}

public sealed class CreateOpResult : OpResult
{
    internal CreateOpResult(string path, Stat? stat) : base(ErrorCode.Ok)
    {
        Path = path;
        Stat = stat;
    }

    /// <summary>The created node's real path (sequential suffix included, chroot stripped).</summary>
    public string Path { get; }

    /// <summary>The new node's stat (null when the server sent a plain create reply).</summary>
    public Stat? Stat { get; }
}

public sealed class DeleteOpResult : OpResult
{
    internal DeleteOpResult() : base(ErrorCode.Ok)
    {
    }
}

public sealed class SetDataOpResult : OpResult
{
    internal SetDataOpResult(Stat stat) : base(ErrorCode.Ok) => Stat = stat;

    public Stat Stat { get; }
}

public sealed class CheckOpResult : OpResult
{
    internal CheckOpResult() : base(ErrorCode.Ok)
    {
    }
}

/// <summary>An operation of a failed transaction, or a failed multi-read operation.</summary>
public sealed class ErrorOpResult : OpResult
{
    internal ErrorOpResult(ErrorCode error) : base(error)
    {
    }
}

public sealed class GetDataOpResult : OpResult
{
    internal GetDataOpResult(byte[]? data, Stat stat) : base(ErrorCode.Ok)
    {
        Data = data ?? Array.Empty<byte>();
        IsNull = data is null;
        Stat = stat;
    }

    /// <summary>Never null: empty when the node holds no data.</summary>
    public byte[] Data { get; }

    /// <summary>True when the server sent no data at all (a node created with null data), as opposed to empty data.</summary>
    public bool IsNull { get; }

    public Stat Stat { get; }
}

public sealed class GetChildrenOpResult : OpResult
{
    internal GetChildrenOpResult(IReadOnlyList<string> children) : base(ErrorCode.Ok) => Children = children;

    public IReadOnlyList<string> Children { get; }
}
