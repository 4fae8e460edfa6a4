using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Protocol.Requests;

namespace ZooKeeperPS.Client;

// Several operations in one request: transactions (multi) and batched reads (multiRead).
public sealed partial class ZooKeeperClient
{
    private static readonly Version MultiReadVersion = new(3, 6);

    /// <summary>
    /// Applies create / delete / setData / check operations all together or not at all. On failure the task fails
    /// with <see cref="MultiOperationException"/>, which has the failing operation's index and every operation's result.
    /// </summary>
    public Task<IReadOnlyList<OpResult>> MultiAsync(IEnumerable<Op> ops, CancellationToken cancellationToken = default)
    {
        try
        {
            var list = CheckOps(ops, read: false);
            if (list.Count == 0) return Task.FromResult<IReadOnlyList<OpResult>>(Array.Empty<OpResult>());
            return _session.Submit(new MultiRequest(list, _chroot, isRead: false), cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<IReadOnlyList<OpResult>>(e);
        }
    }

    /// <summary>
    /// Reads several nodes in one round trip (Op.GetData / Op.GetChildren); each result stands alone. Needs ZooKeeper
    /// 3.6: otherwise, or when the server's version cannot be learnt, fails with <see cref="ServerFeatureException"/>.
    /// </summary>
    public async Task<IReadOnlyList<OpResult>> MultiReadAsync(IEnumerable<Op> ops, CancellationToken cancellationToken = default)
    {
        var list = CheckOps(ops, read: true);
        await RequireServerAsync("MultiRead", MultiReadVersion, cancellationToken).ConfigureAwait(false);
        if (list.Count == 0) return Array.Empty<OpResult>();
        return await _session.Submit(new MultiRequest(list, _chroot, isRead: true), cancellationToken).ConfigureAwait(false);
    }

    private IReadOnlyList<Op> CheckOps(IEnumerable<Op> ops, bool read)
    {
        if (ops is null) throw new ArgumentNullException(nameof(ops));
        var list = ops.ToList();
        foreach (var op in list)
        {
            if (op is null) throw new ArgumentException("The operations must not contain null.", nameof(ops));
            var isRead = op is GetDataOp or GetChildrenOp;
            if (isRead != read)
                throw new ArgumentException(read
                    ? $"MultiRead takes only Op.GetData and Op.GetChildren, not '{op}'."
                    : $"Multi takes only create, delete, setData and check operations, not '{op}'.", nameof(ops));
            if (op is CreateOp create) Arguments.Data(create.Data, _maxDataLength);
            if (op is SetDataOp setData) Arguments.Data(setData.Data, _maxDataLength);
        }

        return list;
    }
}
