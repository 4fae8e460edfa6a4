using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>A write of a node's data: the path and the bytes to store.</summary>
internal readonly struct DataWrite
{
    public DataWrite(string path, byte[]? data)
    {
        Path = path;
        Data = data;
    }

    public string Path { get; }
    public byte[]? Data { get; }
}

/// <summary>
/// Writes of node data for a <see cref="BatchWindow{TItem, TResult}"/>: setData alone, several writes in one multi in
/// a batch, all at the same expected version.
/// </summary>
internal sealed class DataWriteOperation : IBatchOperation<DataWrite, Stat>
{
    private readonly int _version;

    /// <param name="version">The version every node must have (-1: any).</param>
    public DataWriteOperation(int version)
    {
        _version = version;
    }

    // The path counts too: a multi of long paths must stay far below the server's request limit (jute.maxbuffer).
    public int SizeOf(DataWrite write) => (write.Data?.Length ?? 0) + Encoding.UTF8.GetByteCount(write.Path);

    public Task<Stat> SendOne(ZooKeeperClient client, DataWrite write, CancellationToken cancellationToken) =>
        client.SetDataAsync(write.Path, write.Data, _version, cancellationToken);

    public async Task<IReadOnlyList<ItemOutcome<Stat>>> SendBatch(ZooKeeperClient client, IReadOnlyList<DataWrite> writes,
        CancellationToken cancellationToken)
    {
        var ops = writes.Select(write => Op.SetData(write.Path, write.Data, _version)).ToList();
        var results = await client.MultiAsync(ops, cancellationToken).ConfigureAwait(false);
        return results.Select((result, i) => result is SetDataOpResult written
                ? ItemOutcome<Stat>.Succeeded(written.Stat)
                : ItemOutcome<Stat>.Failed(new ZooKeeperException(result.Error, writes[i].Path)))
            .ToArray();
    }

    // A multi applies all or nothing: one write that cannot happen (no node, another version, bad input) holds back
    // the batch. One by one, each write gets its own outcome.
    public bool FailedForAnItem(Exception batchFailure) => batchFailure is MultiOperationException or ArgumentException;

    // A write lost with its connection is not sent again: another client may have written since, and its
    // ConnectionLoss error says that the outcome is unknown.
    public Resend<Stat>? ResendOf(ZooKeeperClient client, DataWrite write, CancellationToken cancellationToken) => null;
}
