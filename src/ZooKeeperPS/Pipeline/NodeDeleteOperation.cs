using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// Deletes of nodes (paths) for a <see cref="BatchWindow{TItem, TResult}"/>: delete alone, several deletes in one multi
/// in a batch, all at the same expected version. A delete has nothing to report: its result is true.
/// </summary>
internal sealed class NodeDeleteOperation : IBatchOperation<string, bool>
{
    // A delete's record besides its path (multi header, length, version).
    private const int RecordBytes = 24;
    private readonly int _version;

    /// <param name="version">The version every node must have (-1: any).</param>
    public NodeDeleteOperation(int version)
    {
        _version = version;
    }

    public int SizeOf(string path) => Encoding.UTF8.GetByteCount(path) + RecordBytes;

    public async Task<bool> SendOne(ZooKeeperClient client, string path, CancellationToken cancellationToken)
    {
        await client.DeleteAsync(path, _version, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<ItemOutcome<bool>>> SendBatch(ZooKeeperClient client, IReadOnlyList<string> paths,
        CancellationToken cancellationToken)
    {
        var ops = new Op[paths.Count];
        for (var i = 0; i < ops.Length; i++)
        {
            ops[i] = Op.Delete(paths[i], _version);
        }
        await client.MultiAsync(ops, cancellationToken).ConfigureAwait(false);
        var outcomes = new ItemOutcome<bool>[paths.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = ItemOutcome<bool>.Succeeded(true); // a multi that was applied deleted every node
        }
        return outcomes;
    }

    // A multi applies all or nothing: one delete that cannot happen (no node, children, another version, bad input)
    // holds back the batch. One by one, each delete gets its own outcome.
    public bool FailedForAnItem(Exception batchFailure) => batchFailure is MultiOperationException or ArgumentException;

    // A delete lost with its connection is not sent again: its ConnectionLoss error says that the outcome is unknown.
    public Resend<bool>? ResendOf(ZooKeeperClient client, string path, CancellationToken cancellationToken) => null;
}
