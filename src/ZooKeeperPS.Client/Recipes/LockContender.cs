using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>How a lock is held: alone (kazoo's Lock and WriteLock) or together with other shared holders (kazoo's ReadLock).</summary>
public enum LockKind
{
    Exclusive,
    Shared,
}

/// <summary>
/// One node under a lock path, in kazoo's layout: the name ends with "__lock__" (an exclusive contender, kazoo's
/// Lock and WriteLock) or "__rlock__" (a shared one, kazoo's ReadLock) and the ten-digit sequence number; whatever
/// comes before (kazoo's hex UUID, Curator's "_c_&lt;guid&gt;-") only identifies the contender to itself. Contenders
/// queue in the order of that number, compared as text as kazoo compares it.
/// </summary>
public sealed class LockContender
{
    internal const string ExclusiveName = "__lock__";
    internal const string SharedName = "__rlock__";
    private static readonly Regex NamePattern = new("(?:__lock__|__rlock__)(-?[0-9]{10})$", RegexOptions.CultureInvariant);

    private LockContender(string name, LockKind kind, string sequence)
    {
        Name = name;
        Kind = kind;
        Sequence = sequence;
    }

    /// <summary>The node's name under the lock path.</summary>
    public string Name { get; }

    public LockKind Kind { get; }

    /// <summary>The ten-digit sequence number that orders the queue.</summary>
    public string Sequence { get; }

    /// <summary>The node's data as text (kazoo's contenders() identifier); filled in by <see cref="ListAsync"/>.</summary>
    public string? Identifier { get; private set; }

    /// <summary>Whether this contender holds the lock; filled in by <see cref="ListAsync"/>.</summary>
    public bool IsHolder { get; private set; }

    /// <summary>
    /// The contenders for the lock on <paramref name="path"/> in queue order, with their identifiers and whether they
    /// hold it (one exclusive holder, or the shared ones before the first exclusive one). A missing path has none.
    /// </summary>
    public static async Task<IReadOnlyList<LockContender>> ListAsync(ZooKeeperClient client, string path, CancellationToken cancellationToken = default)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        IReadOnlyList<LockContender> queue;
        try
        {
            queue = Queue((await client.GetChildrenAsync(path, null, cancellationToken).ConfigureAwait(false)).Children);
        }
        catch (ZooKeeperException missing) when (missing.Code == ErrorCode.NoNode)
        {
            return Array.Empty<LockContender>();
        }
        var paths = queue.Select(c => ZooKeeperPath.Combine(path, c.Name)).ToList();
        var reads = await new NodeReader(client).ReadAsync(paths, NodeReadKind.Data, cancellationToken).ConfigureAwait(false);
        var listed = new List<LockContender>();
        for (var i = 0; i < queue.Count; i++)
        {
            if (reads[i].Failure is ZooKeeperException { Code: ErrorCode.NoNode }) continue; // gone meanwhile
            if (reads[i].Failure is { } failure) throw failure;
            var contender = queue[i];
            contender.IsHolder = Holds(queue, i);
            contender.Identifier = reads[i].Data?.Data is { } data ? Encoding.UTF8.GetString(data) : null;
            listed.Add(contender);
        }
        return listed;
    }

    /// <summary>The name part for a contender of this kind ("__lock__" or "__rlock__").</summary>
    internal static string NameFor(LockKind kind) => kind == LockKind.Shared ? SharedName : ExclusiveName;

    /// <summary>The contenders among a lock path's children, in queue order; other children are ignored.</summary>
    public static IReadOnlyList<LockContender> Queue(IEnumerable<string> children) =>
        children.Select(Parse).Where(c => c is not null).Select(c => c!)
            .OrderBy(c => c.Sequence, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The contender that <paramref name="own"/> must wait for: the nearest one before it that excludes it (any for
    /// an exclusive contender, exclusive ones for a shared contender); null when it holds the lock. A shared
    /// contender waits only for exclusive ones queued before it, never for later ones.
    /// </summary>
    public static LockContender? Blocker(IReadOnlyList<LockContender> queue, string own)
    {
        var index = -1;
        for (var i = 0; i < queue.Count; i++)
        {
            if (queue[i].Name == own) index = i;
        }
        if (index < 0) throw new InvalidOperationException($"The lock node {own} is not among the contenders.");
        var shared = queue[index].Kind == LockKind.Shared;
        for (var i = index - 1; i >= 0; i--)
        {
            if (!shared || queue[i].Kind == LockKind.Exclusive) return queue[i];
        }
        return null;
    }

    /// <summary>Whether the contender at <paramref name="index"/> of the queue holds the lock now.</summary>
    public static bool Holds(IReadOnlyList<LockContender> queue, int index) => Blocker(queue, queue[index].Name) is null;

    private static LockContender? Parse(string name)
    {
        var match = NamePattern.Match(name);
        if (!match.Success) return null;
        var kind = name.EndsWith(SharedName + match.Groups[1].Value, StringComparison.Ordinal) ? LockKind.Shared : LockKind.Exclusive;
        return new LockContender(name, kind, match.Groups[1].Value);
    }
}
