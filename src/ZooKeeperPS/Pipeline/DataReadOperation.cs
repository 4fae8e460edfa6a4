using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>
/// Reads of node data for a <see cref="BatchWindow{TItem, TResult}"/>: getData alone, several nodes per multiRead in a
/// batch (one getData each on servers before 3.6, see <see cref="NodeReader"/>, remembered per session).
/// </summary>
internal sealed class DataReadOperation : IBatchOperation<string, DataResult>
{
    private readonly Dictionary<ZooKeeperClient, NodeReader> _readers = new();

    // A reply too large for the client (large nodes add up) is read again node by node (NodeReader): only the item count limits a batch.
    public int SizeOf(string path) => 0;

    public Task<DataResult> SendOne(ZooKeeperClient client, string path, CancellationToken cancellationToken) =>
        client.GetDataAsync(path, null, cancellationToken);

    public async Task<IReadOnlyList<ItemOutcome<DataResult>>> SendBatch(ZooKeeperClient client, IReadOnlyList<string> paths,
        CancellationToken cancellationToken)
    {
        var reads = await ReaderFor(client).ReadAsync(paths, NodeReadKind.Data, cancellationToken).ConfigureAwait(false);
        var outcomes = new ItemOutcome<DataResult>[reads.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = reads[i].Failure is { } failure
                ? ItemOutcome<DataResult>.Failed(failure)
                : ItemOutcome<DataResult>.Succeeded(reads[i].Data!);
        }
        return outcomes;
    }

    // Each node of a multiRead stands alone, so a batch never fails because of one of them.
    public bool FailedForAnItem(Exception batchFailure) => false;

    // A read lost with its connection is reported as lost, as reads always were: Get-ZkNode says so and moves on.
    public Resend<DataResult>? ResendOf(ZooKeeperClient client, string path, CancellationToken cancellationToken) => null;

    // Called on the pipeline thread, before the read's first await.
    private NodeReader ReaderFor(ZooKeeperClient client)
    {
        if (!_readers.TryGetValue(client, out var reader))
        {
            reader = new NodeReader(client);
            _readers.Add(client, reader);
        }
        return reader;
    }
}
