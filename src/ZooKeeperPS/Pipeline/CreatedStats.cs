using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>
/// The stats of nodes that a multi created without saying them (the servers answer a create2 inside a multi with the
/// path alone), read back in one request (sent by the caller). The multi's reply proved the creates, so a read lost with its connection
/// is read again (a read changes nothing) until a server answers or the session timeout has passed. A node that
/// cannot be read back (someone deleted it at once, the servers stayed away) was created all the same: its failure
/// says so.
/// </summary>
internal static class CreatedStats
{
    private static readonly TimeSpan PauseBetweenReads = TimeSpan.FromMilliseconds(100);

    public static async Task<ItemOutcome<CreateResult>[]> ReadAsync(ZooKeeperClient client, NodeReader reader,
        IReadOnlyList<string> paths, Task<IReadOnlyList<NodeRead>> firstRead, CancellationToken cancellationToken)
    {
        var outcomes = new ItemOutcome<CreateResult>[paths.Count];
        var unread = Enumerable.Range(0, paths.Count).ToList();
        var reading = firstRead;
        DateTime? deadline = null;
        while (true)
        {
            var reads = await reading.ConfigureAwait(false);
            var lost = new List<int>();
            for (var k = 0; k < reads.Count; k++)
            {
                var i = unread[k];
                if (reads[k].Data is { } read)
                {
                    outcomes[i] = ItemOutcome<CreateResult>.Succeeded(new CreateResult(paths[i], read.Stat));
                    continue;
                }
                var failure = reads[k].Failure!;
                deadline ??= DateTime.UtcNow + client.NegotiatedSessionTimeout;
                if (failure is ZooKeeperException { Code: ErrorCode.ConnectionLoss } && DateTime.UtcNow < deadline)
                {
                    lost.Add(i);
                    continue;
                }
                outcomes[i] = ItemOutcome<CreateResult>.Failed(new ZooKeeperException(
                    failure is ZooKeeperException { Code: var code } ? code : ErrorCode.SystemError, paths[i],
                    $"the node was created, but reading its stat back failed: {failure.Message}", failure));
            }
            if (lost.Count == 0)
            {
                return outcomes;
            }
            unread = lost;
            await Task.Delay(PauseBetweenReads, cancellationToken).ConfigureAwait(false);
            reading = reader.ReadAsync(unread.Select(i => paths[i]).ToArray(), NodeReadKind.Data, cancellationToken);
        }
    }
}
