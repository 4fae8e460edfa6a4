using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>
/// The safe resend of a create whose connection was lost before the reply: the server may or may not have created
/// the node. Sending it again either creates it, or meets NodeExists; then only what can be proved is acknowledged.
/// An ephemeral node created after the lost create was sent (its czxid is above the last zxid the session had seen
/// then) and owned by this session is the lost create's own. A node that was there before, another session's
/// ephemeral, or a node never modified whose data differs, is someone else's: NodeExists. Any other node may be
/// either (another client may have created it with the same data): <see cref="CreateOutcomeUnknownException"/>.
/// A sequential create is sent again only when the client never sent it (a second create would make a second node);
/// otherwise its ConnectionLoss error says that the outcome is unknown, unless the create is protected
/// (<see cref="ProtectedCreate"/>): then the node with its GUID is looked for, and created only when it is not there.
/// </summary>
internal static class LostCreate
{
    /// <summary>A resend for <see cref="RequestWindow.Add{T}"/>: the next attempt after a lost one, or null when none is safe.</summary>
    public static Resend<CreateResult> Resend(ZooKeeperClient client, string path, byte[]? data, CreateMode mode, TimeSpan? ttl,
        CancellationToken token, IReadOnlyList<Acl>? acl = null, bool isProtected = false)
    {
        var sequential = mode is CreateMode.PersistentSequential or CreateMode.EphemeralSequential or CreateMode.PersistentSequentialWithTtl;
        var zxidBeforeFirstSend = client.LastZxid;
        // Once any attempt may have reached the server, every later one must confirm (or give up): an unsent attempt
        // after a sent one proves nothing about the sent one (the unsent part may be the confirming read).
        var mayHaveHappened = false;
        return lost =>
        {
            mayHaveHappened |= WasSent(lost);
            return !mayHaveHappened ? () => client.CreateAsync(path, data, mode, acl, ttl, token)
                : isProtected ? () => FindOrCreateAsync(client, path, data, mode, acl, ttl, token)
                : sequential ? null
                : () => CreateOrConfirmAsync(client, path, data, mode, acl, ttl, zxidBeforeFirstSend, token);
        };
    }

    private static bool WasSent(Exception lost) => lost is not ZooKeeperException { RequestSent: false };

    private static async Task<CreateResult> FindOrCreateAsync(ZooKeeperClient client, string protectedPath, byte[]? data,
        CreateMode mode, IReadOnlyList<Acl>? acl, TimeSpan? ttl, CancellationToken token) =>
        await ProtectedCreate.FindAsync(client, protectedPath, token).ConfigureAwait(false)
        ?? await client.CreateAsync(protectedPath, data, mode, acl, ttl, token).ConfigureAwait(false);

    private static async Task<CreateResult> CreateOrConfirmAsync(ZooKeeperClient client, string path, byte[]? data,
        CreateMode mode, IReadOnlyList<Acl>? acl, TimeSpan? ttl, long zxidBeforeFirstSend, CancellationToken token)
    {
        try
        {
            return await client.CreateAsync(path, data, mode, acl, ttl, token).ConfigureAwait(false);
        }
        catch (ZooKeeperException exists) when (exists.Code == ErrorCode.NodeExists)
        {
            var found = await client.GetDataAsync(path, null, token).ConfigureAwait(false);
            var stat = found.Stat;
            var someoneElses = stat.Czxid <= zxidBeforeFirstSend
                || (mode == CreateMode.Ephemeral ? stat.EphemeralOwner != client.SessionId
                    : stat.Version == 0 && !found.Data.SequenceEqual(data ?? Array.Empty<byte>()));
            if (someoneElses)
            {
                throw;
            }
            if (mode == CreateMode.Ephemeral)
            {
                return new CreateResult(path, stat); // only this session can own it
            }
            throw new CreateOutcomeUnknownException(path, stat);
        }
    }
}
