using System;
using System.Collections.Generic;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>
/// multi (a transaction) and multiRead (3.6+): each op is MultiHeader{type, done=false, err=-1} + its record, ending
/// with {-1, true, -1}; the reply mirrors it. A failed transaction comes back as all-error results and becomes a
/// <see cref="MultiOperationException"/>; multiRead results are independent and returned as they are.
/// </summary>
internal sealed class MultiRequest : Request<IReadOnlyList<OpResult>>
{
    private readonly IReadOnlyList<Op> _ops;
    private readonly Chroot _chroot;

    public MultiRequest(IReadOnlyList<Op> ops, Chroot chroot, bool isRead) : base(isRead ? OpCode.MultiRead : OpCode.Multi, null)
    {
        _ops = ops;
        _chroot = chroot;
    }

    public int OpCount => _ops.Count;

    public override void WriteBody(JuteWriter writer)
    {
        foreach (var op in _ops)
        {
            writer.WriteInt((int)OpCodeOf(op));
            writer.WriteBool(false);
            writer.WriteInt(-1);
            WriteOp(writer, op);
        }

        writer.WriteInt(-1);
        writer.WriteBool(true);
        writer.WriteInt(-1);
    }

    private static OpCode OpCodeOf(Op op) => op switch
    {
        CreateOp create => CreateRequest.OpCodeFor(create.Mode),
        DeleteOp => OpCode.Delete,
        SetDataOp => OpCode.SetData,
        CheckOp => OpCode.Check,
        GetDataOp => OpCode.GetData,
        GetChildrenOp => OpCode.GetChildren,
        _ => throw new ArgumentException($"Unknown operation type {op.GetType().Name}."),
    };

    private void WriteOp(JuteWriter writer, Op op)
    {
        var serverPath = op is CreateOp createOp ? CreateRequest.ServerPath(op.Path, _chroot, createOp.Mode) : _chroot.ToServer(op.Path);
        switch (op)
        {
            case CreateOp create:
                CreateRequest.Write(writer, serverPath, create.Data, create.Acl, create.Mode, Arguments.Ttl(create.Mode, create.Ttl));
                break;
            case DeleteOp delete:
                writer.WriteString(serverPath);
                writer.WriteInt(delete.Version);
                break;
            case SetDataOp setData:
                writer.WriteString(serverPath);
                writer.WriteBuffer(setData.Data);
                writer.WriteInt(setData.Version);
                break;
            case CheckOp check:
                writer.WriteString(serverPath);
                writer.WriteInt(check.Version);
                break;
            default: // getData and getChildren: {path, watch = false}
                writer.WriteString(serverPath);
                writer.WriteBool(false);
                break;
        }
    }

    protected override IReadOnlyList<OpResult> ReadResult(JuteReader body)
    {
        var results = new List<OpResult>(_ops.Count);
        while (true)
        {
            var type = (OpCode)body.ReadInt();
            var done = body.ReadBool();
            var error = (ErrorCode)body.ReadInt();
            if (done) break;
            if (results.Count == _ops.Count) throw new ProtocolException("The multi reply has more results than the request had operations.");
            results.Add(ReadOpResult(type, error, body));
        }

        if (results.Count != _ops.Count)
            throw new ProtocolException($"The multi reply has {results.Count} results for {_ops.Count} operations.");
        if (OpCode == OpCode.Multi)
        {
            for (var i = 0; i < results.Count; i++)
                if (results[i].Error != ErrorCode.Ok)
                    throw new MultiOperationException(i, results[i].Error, _ops[i].Path, results);
        }

        return results;
    }

    private OpResult ReadOpResult(OpCode type, ErrorCode error, JuteReader body) => type switch
    {
        OpCode.Create => new CreateOpResult(_chroot.ToClient(body.ReadRequiredString()), null),
        OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl => new CreateOpResult(_chroot.ToClient(body.ReadRequiredString()), body.ReadStat()),
        OpCode.Delete => new DeleteOpResult(),
        OpCode.Check => new CheckOpResult(),
        OpCode.SetData => new SetDataOpResult(body.ReadStat()),
        OpCode.GetData => new GetDataOpResult(body.ReadBuffer(), body.ReadStat()),
        OpCode.GetChildren => new GetChildrenOpResult(body.ReadStrings()),
        OpCode.Error => new ErrorOpResult((ErrorCode)body.ReadInt()),
        _ => throw new ProtocolException($"Unknown result type {(int)type} in a multi reply (err {(int)error})."),
    };
}
