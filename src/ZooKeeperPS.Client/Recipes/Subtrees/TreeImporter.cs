using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// Writes <see cref="TreeRecord"/>s under a destination path, parents before children as they come: creates go in
/// multis of up to <see cref="TreeImportOptions.MaxOpsPerMulti"/> sized under jute.maxbuffer, several in flight; a
/// multi that fails (it applies all or nothing) is redone one create per node, so each failure names its node and
/// each node that exists already meets the conflict rule. A rerun after an interruption thus finishes the job: nodes
/// are never duplicated (a path exists once), existing ones are skipped or, with Overwrite, given their data and ACL.
/// ACLs: a node without children, or whose ACL lets anyone create children, is created with its final ACL. Another
/// is created with a temporary ACL that lets the importer in (auth:all, so only the importing identities; world:all
/// when the session has no authenticated identity) and gets its final ACL in <see cref="CompleteAsync"/>, once every
/// node under it exists: so a folder that the importer may not create in still ends with all its children and its
/// exact ACL. A lost connection or a closed session ends the import with that exception (run it again to finish).
/// </summary>
public sealed class TreeImporter
{
    private const int MaxBatchesInFlight = 8;
    private const int HeaderRoom = 1024;
    private static readonly NodeFailure[] NoFailures = Array.Empty<NodeFailure>();
    private readonly ZooKeeperClient _client;
    private readonly string _root;
    private readonly TreeImportOptions _options;
    private readonly int _chrootLength;
    private readonly int _maxBatchSize;
    private readonly Queue<Batch> _inFlight = new();
    private readonly List<KeyValuePair<string, IReadOnlyList<Acl>>> _finalAcls = new();
    private readonly HashSet<string> _createdOnRetry = new(StringComparer.Ordinal);
    private IReadOnlyList<Acl> _temporaryAcl = Acl.CreatorAll;
    private Batch _next = new();

    public TreeImporter(ZooKeeperClient client, string destinationRoot, TreeImportOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ZooKeeperPath.Validate(destinationRoot);
        _root = destinationRoot;
        _options = options ?? new TreeImportOptions();
        _chrootLength = Encoding.UTF8.GetByteCount(client.Chroot ?? "");
        _maxBatchSize = (_options.JuteMaxBuffer ?? client.JuteMaxBuffer) - HeaderRoom;
    }

    public int Created { get; private set; }

    /// <summary>Existing nodes given the record's data and ACL (Overwrite).</summary>
    public int Updated { get; private set; }

    /// <summary>Existing nodes left as they were (Skip).</summary>
    public int Skipped { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Nodes queued or in flight, for progress messages.</summary>
    public int Pending => _next.Items.Count + _inFlight.Sum(batch => batch.Items.Count);

    /// <summary>The absolute destination path of a record.</summary>
    public string DestinationOf(TreeRecord record) => TreeRecord.Under(_root, record.Path);

    /// <summary>
    /// Queues the record's node; sends a multi once one is full and, when enough are in flight, waits for the oldest:
    /// the failures returned are those of the nodes settled meanwhile, in order.
    /// </summary>
    public async Task<IReadOnlyList<NodeFailure>> AddAsync(TreeRecord record, CancellationToken cancellationToken = default)
    {
        if (record is null) throw new ArgumentNullException(nameof(record));
        var item = new Item(record, DestinationOf(record), NeedsTemporaryAcl(record));
        item.Size = SizeOf(item);
        if (_next.Items.Count > 0 && (_next.Size + item.Size > _maxBatchSize || _next.Items.Count >= _options.MaxOpsPerMulti))
        {
            Send(cancellationToken);
        }
        _next.Items.Add(item);
        _next.Size += item.Size;
        List<NodeFailure>? failures = null;
        while (_inFlight.Count >= MaxBatchesInFlight)
        {
            await SettleAsync(_inFlight.Dequeue(), failures ??= new List<NodeFailure>(), cancellationToken).ConfigureAwait(false);
        }
        return failures ?? (IReadOnlyList<NodeFailure>)NoFailures;
    }

    /// <summary>Sends what is queued, waits for every node, then gives the folders created open their final ACL.</summary>
    public async Task<IReadOnlyList<NodeFailure>> CompleteAsync(CancellationToken cancellationToken = default)
    {
        var failures = new List<NodeFailure>();
        if (_next.Items.Count > 0)
        {
            Send(cancellationToken);
        }
        while (_inFlight.Count > 0)
        {
            await SettleAsync(_inFlight.Dequeue(), failures, cancellationToken).ConfigureAwait(false);
        }
        var sets = _finalAcls.Select(final => (final.Key, Request: SetAclAsync(final.Key, final.Value, cancellationToken))).ToList();
        _finalAcls.Clear();
        foreach (var (path, request) in sets)
        {
            await OutcomeAsync(path, request, failures).ConfigureAwait(false);
        }
        return failures;
    }

    /// <summary>Whether the node must be created open for the importer and closed after its children exist.</summary>
    private static bool NeedsTemporaryAcl(TreeRecord record) =>
        record.Stat.NumChildren > 0
        && !record.Acl.Any(entry => entry.Id.Equals(Id.Anyone) && (entry.Perms & Perms.Create) != 0);

    private int SizeOf(Item item)
    {
        var acl = item.CreateAcl(_temporaryAcl).Sum(entry => 12 + Encoding.UTF8.GetByteCount(entry.Id.Scheme) + Encoding.UTF8.GetByteCount(entry.Id.Identity));
        return 40 + _chrootLength + Encoding.UTF8.GetByteCount(item.Path) + (item.Record.Data?.Length ?? 0) + acl;
    }

    private void Send(CancellationToken cancellationToken)
    {
        var batch = _next;
        _next = new Batch();
        batch.Request = batch.Items.Count == 1
            ? CreateAsync(batch.Items[0], cancellationToken)
            : MultiAsync(batch.Items.Select(item => CreateOp(item)).ToList(), cancellationToken);
        _inFlight.Enqueue(batch);
    }

    private async Task SettleAsync(Batch batch, List<NodeFailure> failures, CancellationToken cancellationToken)
    {
        try
        {
            await batch.Request!.ConfigureAwait(false);
            foreach (var item in batch.Items)
            {
                Done(item);
            }
            return;
        }
        catch (Exception failure) when (!IsInterruption(failure) && batch.Items.Count > 1)
        {
            // Nothing of the multi was applied: each node on its own (below).
        }
        catch (Exception failure) when (!IsInterruption(failure))
        {
            await ResolveAsync(batch.Items[0], failure, failures, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch
        {
            Abandon();
            throw;
        }

        _createdOnRetry.Clear();
        var creates = batch.Items.Select(item => (Item: item, Request: CreateAsync(item, cancellationToken))).ToList();
        foreach (var (item, request) in creates)
        {
            try
            {
                await request.ConfigureAwait(false);
                Done(item);
            }
            catch (Exception failure) when (!IsInterruption(failure))
            {
                await ResolveAsync(item, failure, failures, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Abandon(creates.Select(create => (Task)create.Request));
                throw;
            }
        }
    }

    /// <summary>What a create that failed on its own comes to: a conflict handled, a retry, or the node's failure.</summary>
    private async Task ResolveAsync(Item item, Exception failure, List<NodeFailure> failures, CancellationToken cancellationToken)
    {
        var code = (failure as ZooKeeperException)?.Code;
        if (code == ErrorCode.InvalidAcl && item.Temporary && _temporaryAcl == Acl.CreatorAll)
        {
            // auth:all names no one on a session without authenticated identities.
            _temporaryAcl = Acl.OpenUnsafe;
            await RetryAsync(item, failures, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (code == ErrorCode.InvalidAcl && item.Temporary)
        {
            await RetryAsync(item, failures, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (code == ErrorCode.NoNode && _createdOnRetry.Contains(ZooKeeperPath.GetParent(item.Path)))
        {
            // Sent with its parent, which failed at first and was created again since.
            await RetryAsync(item, failures, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (code != ErrorCode.NodeExists)
        {
            Failed++;
            failures.Add(new NodeFailure(item.Path, failure));
            return;
        }
        switch (_options.Conflict)
        {
            case TreeConflict.Skip:
                Skipped++;
                return;
            case TreeConflict.Fail:
                Abandon();
                throw new ZooKeeperException(ErrorCode.NodeExists, item.Path, "the node exists already and the import was told to stop at a conflict (Fail).");
        }
        var record = item.Record;
        var setData = SetDataAsync(item.Path, record.Data, cancellationToken);
        var setAcl = item.Temporary ? null : SetAclAsync(item.Path, record.Acl, cancellationToken);
        var before = failures.Count;
        await OutcomeAsync(item.Path, setData, failures).ConfigureAwait(false);
        if (setAcl is not null)
        {
            await OutcomeAsync(item.Path, setAcl, failures).ConfigureAwait(false);
        }
        else
        {
            _finalAcls.Add(new KeyValuePair<string, IReadOnlyList<Acl>>(item.Path, record.Acl));
        }
        if (failures.Count == before)
        {
            Updated++;
        }
    }

    private async Task RetryAsync(Item item, List<NodeFailure> failures, CancellationToken cancellationToken)
    {
        try
        {
            await CreateAsync(item, cancellationToken).ConfigureAwait(false);
            _createdOnRetry.Add(item.Path);
            Done(item);
        }
        catch (Exception failure) when (!IsInterruption(failure) && !(failure is ZooKeeperException { Code: ErrorCode.InvalidAcl }))
        {
            await ResolveAsync(item, failure, failures, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (!IsInterruption(failure))
        {
            Failed++;
            failures.Add(new NodeFailure(item.Path, failure));
        }
    }

    private void Done(Item item)
    {
        Created++;
        if (item.Temporary)
        {
            _finalAcls.Add(new KeyValuePair<string, IReadOnlyList<Acl>>(item.Path, item.Record.Acl));
        }
    }

    /// <summary>Awaits a write of a node: its failure is the node's; an interruption ends the import.</summary>
    private async Task OutcomeAsync(string path, Task request, List<NodeFailure> failures)
    {
        try
        {
            await request.ConfigureAwait(false);
        }
        catch (Exception failure) when (!IsInterruption(failure))
        {
            Failed++;
            failures.Add(new NodeFailure(path, failure));
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    /// <summary>Failures that concern the session, not a node: the import ends with them.</summary>
    internal static bool IsInterruption(Exception failure) =>
        failure is OperationCanceledException or SessionClosedException
        || failure is ZooKeeperException { Code: ErrorCode.ConnectionLoss or ErrorCode.SessionExpired or ErrorCode.SessionMoved or ErrorCode.RequestTimeout or ErrorCode.OperationTimeout };

    /// <summary>Ends the import: what is still in flight completes unobserved.</summary>
    private void Abandon(IEnumerable<Task>? more = null)
    {
        var abandoned = _inFlight.Select(batch => (Task)batch.Request!).Concat(more ?? Enumerable.Empty<Task>()).ToList();
        _inFlight.Clear();
        _next = new Batch();
        foreach (var task in abandoned)
        {
            task.ContinueWith(static done => _ = done.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        }
    }

    // Persistent, whatever the record's kind: an ephemeral's owner is a session of the source.
    private Op CreateOp(Item item) => Op.Create(item.Path, item.Record.Data, CreateMode.Persistent, item.CreateAcl(_temporaryAcl));

    // Async methods, so that a call that throws before its task exists fails like any request.
    private async Task CreateAsync(Item item, CancellationToken cancellationToken) =>
        await _client.CreateAsync(item.Path, item.Record.Data, CreateMode.Persistent, item.CreateAcl(_temporaryAcl), null, cancellationToken).ConfigureAwait(false);

    private async Task MultiAsync(List<Op> ops, CancellationToken cancellationToken) =>
        await _client.MultiAsync(ops, cancellationToken).ConfigureAwait(false);

    private async Task SetDataAsync(string path, byte[]? data, CancellationToken cancellationToken) =>
        await _client.SetDataAsync(path, data, -1, cancellationToken).ConfigureAwait(false);

    private async Task SetAclAsync(string path, IReadOnlyList<Acl> acl, CancellationToken cancellationToken) =>
        await _client.SetAclAsync(path, acl, -1, cancellationToken).ConfigureAwait(false);

    private sealed class Item
    {
        public Item(TreeRecord record, string path, bool temporary)
        {
            Record = record;
            Path = path;
            Temporary = temporary;
        }

        public TreeRecord Record { get; }
        public string Path { get; }

        /// <summary>Created with the temporary ACL, to get its final ACL at the end.</summary>
        public bool Temporary { get; }

        public int Size { get; set; }

        public IReadOnlyList<Acl> CreateAcl(IReadOnlyList<Acl> temporary) => Temporary ? temporary : Record.Acl;
    }

    private sealed class Batch
    {
        public List<Item> Items { get; } = new();
        public int Size { get; set; }
        public Task? Request { get; set; }
    }
}
