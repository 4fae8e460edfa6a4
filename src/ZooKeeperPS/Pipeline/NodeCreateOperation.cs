using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>A create of one node: its path, its data, and the creates of its missing parents sent before it (-MakePath).</summary>
internal readonly struct NodeCreate
{
    public NodeCreate(string path, byte[]? data, List<Task>? parents)
    {
        Path = path;
        Data = data;
        Parents = parents;
    }

    public string Path { get; }
    public byte[]? Data { get; }

    /// <summary>The parents' creates, or null; their NodeExists replies are expected.</summary>
    public List<Task>? Parents { get; }

    /// <summary>The failure of the first parent that could not be created, if any: it explains the node's own NoNode.</summary>
    public Exception? FailedParent()
    {
        foreach (var parent in Parents ?? Enumerable.Empty<Task>())
        {
            if (parent.IsFaulted && ClientCall.FailureOf(parent) is var failure && failure is not ZooKeeperException { Code: ErrorCode.NodeExists })
            {
                return failure;
            }
        }
        return null;
    }
}

/// <summary>
/// Creates of nodes for a <see cref="BatchWindow{TItem, TResult}"/>: create alone, several creates in one multi in a
/// batch, all of the same mode, ACL and TTL. A create lost with its connection, alone or in a multi, is resent or
/// confirmed by <see cref="LostCreate"/>.
/// </summary>
internal sealed class NodeCreateOperation : IBatchOperation<NodeCreate, CreateResult>
{
    // A create's record besides its path and data (multi header, lengths, flags, TTL), rounded up.
    private const int RecordBytes = 40;
    private readonly CreateMode _mode;
    private readonly IReadOnlyList<Acl>? _acl;
    private readonly TimeSpan? _ttl;
    private readonly int _aclBytes;
    private readonly bool _sequential;
    private readonly bool _protected;
    private readonly Dictionary<ZooKeeperClient, NodeReader> _readers = new();

    /// <param name="mode">How every node is created.</param>
    /// <param name="acl">Every node's ACL; null: open to everybody.</param>
    /// <param name="ttl">Every node's TTL, for the TTL modes.</param>
    /// <param name="isProtected">Whether the paths are protected names (<see cref="ProtectedCreate"/>), found again after a lost create.</param>
    public NodeCreateOperation(CreateMode mode, IReadOnlyList<Acl>? acl, TimeSpan? ttl, bool isProtected)
    {
        _protected = isProtected;
        _mode = mode;
        _acl = acl;
        _ttl = ttl;
        _sequential = mode is CreateMode.PersistentSequential or CreateMode.EphemeralSequential or CreateMode.PersistentSequentialWithTtl;
        _aclBytes = (acl ?? Acl.OpenUnsafe).Sum(entry =>
            12 + Encoding.UTF8.GetByteCount(entry.Id.Scheme) + Encoding.UTF8.GetByteCount(entry.Id.Identity));
    }

    // Paths and ACLs count too: a multi of long paths must stay far below the server's request limit (jute.maxbuffer).
    public int SizeOf(NodeCreate create) =>
        (create.Data?.Length ?? 0) + Encoding.UTF8.GetByteCount(create.Path) + _aclBytes + RecordBytes;

    public Task<CreateResult> SendOne(ZooKeeperClient client, NodeCreate create, CancellationToken cancellationToken) =>
        client.CreateAsync(create.Path, create.Data, _mode, _acl, _ttl, cancellationToken);

    public async Task<IReadOnlyList<ItemOutcome<CreateResult>>> SendBatch(ZooKeeperClient client, IReadOnlyList<NodeCreate> creates,
        CancellationToken cancellationToken)
    {
        var reader = ReaderFor(client);
        var ops = new Op[creates.Count];
        for (var i = 0; i < ops.Length; i++)
        {
            ops[i] = Op.Create(creates[i].Path, creates[i].Data, _mode, _acl, _ttl);
        }
        var multi = client.MultiAsync(ops, cancellationToken);
        // The servers answer a create2 inside a multi with the path alone, so the stats are read back. The server
        // carries out a session's requests in order: a read sent right behind the multi sees what it created (the
        // names of sequential nodes are known only from its reply).
        var paths = creates.Select(create => create.Path).ToArray();
        var readBehind = _sequential ? null : reader.ReadAsync(paths, NodeReadKind.Data, cancellationToken);
        var results = await multi.ConfigureAwait(false);
        for (var i = 0; i < paths.Length; i++)
        {
            // A multi that was applied has a create result for every create.
            paths[i] = ((CreateOpResult)results[i]).Path;
        }
        return await CreatedStats.ReadAsync(client, reader, paths,
            readBehind ?? reader.ReadAsync(paths, NodeReadKind.Data, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    // Called on the pipeline thread (before the batch's first await): one reader per session, which learns whether the server has multiRead.
    private NodeReader ReaderFor(ZooKeeperClient client)
    {
        if (!_readers.TryGetValue(client, out var reader))
        {
            reader = new NodeReader(client);
            _readers.Add(client, reader);
        }
        return reader;
    }

    // A multi applies all or nothing: one create that cannot happen (the node exists, no parent, bad input) holds back
    // the batch. One by one, each create gets its own outcome.
    public bool FailedForAnItem(Exception batchFailure) => batchFailure is MultiOperationException or ArgumentException;

    public Resend<CreateResult>? ResendOf(ZooKeeperClient client, NodeCreate create, CancellationToken cancellationToken) =>
        LostCreate.Resend(client, create.Path, create.Data, _mode, _ttl, cancellationToken, _acl, _protected);
}
