using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// How one kind of item goes to the server for a <see cref="BatchWindow{TItem, TResult}"/>: alone, or several in one
/// request (getData and multiRead for Get-ZkNode, setData and multi for Set-ZkNode, create and multi for New-ZkNode,
/// delete and multi for Remove-ZkNode).
/// </summary>
internal interface IBatchOperation<TItem, TResult>
{
    /// <summary>The bytes the item adds to a batch's request, counted against <see cref="BatchLimits.MaxBytes"/>.</summary>
    int SizeOf(TItem item);

    Task<TResult> SendOne(ZooKeeperClient client, TItem item, CancellationToken cancellationToken);

    /// <summary>One request for several items; the task has each item's outcome, in order, or fails for the batch as a whole.</summary>
    Task<IReadOnlyList<ItemOutcome<TResult>>> SendBatch(ZooKeeperClient client, IReadOnlyList<TItem> items, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a batch that failed as a whole failed because of one of its items (a multi applies all or nothing), so
    /// that each item sent alone gets its own outcome. Otherwise (a lost connection, an expired session) every item
    /// of the batch shares the failure.
    /// </summary>
    bool FailedForAnItem(Exception batchFailure);

    /// <summary>
    /// How the item is sent again after its connection was lost (see <see cref="LostCreate"/>), alone or with its
    /// batch; asked before the item is first sent. Null: it is not sent again, and fails with ConnectionLoss.
    /// </summary>
    Resend<TResult>? ResendOf(ZooKeeperClient client, TItem item, CancellationToken cancellationToken);
}

/// <summary>How large a <see cref="BatchWindow{TItem, TResult}"/> lets a batch grow.</summary>
internal readonly struct BatchLimits
{
    public BatchLimits(int maxItems, int maxBytes = int.MaxValue)
    {
        MaxItems = maxItems;
        MaxBytes = maxBytes;
    }

    public int MaxItems { get; }

    /// <summary>The most bytes of items (data and paths) in one request (an item larger than this goes alone).</summary>
    public int MaxBytes { get; }
}

/// <summary>One item's outcome in a batch: its result, or the failure that concerns it.</summary>
internal readonly struct ItemOutcome<TResult>
{
    private ItemOutcome(TResult result, Exception? failure)
    {
        Result = result;
        Failure = failure;
    }

    public TResult Result { get; }

    public Exception? Failure { get; }

    public static ItemOutcome<TResult> Succeeded(TResult result) => new(result, null);

    public static ItemOutcome<TResult> Failed(Exception failure) => new(default!, failure);
}
