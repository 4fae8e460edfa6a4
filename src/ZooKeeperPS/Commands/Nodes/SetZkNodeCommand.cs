using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Overwrites the data of znodes, optionally only at an expected version (compare-and-set). Writes from the
/// pipeline are pipelined and, while earlier writes are in flight, up to 16 go in one multi; a multi that fails is
/// redone write by write, so each write still gets its own outcome, in input order.
/// </summary>
[Cmdlet(VerbsCommon.Set, "ZkNode", SupportsShouldProcess = true)]
[OutputType(typeof(ZkNode))]
public sealed class SetZkNodeCommand : ZkSessionCmdlet
{
    // A multi carries up to this many writes and this much data: far below the server's 1 MB request limit.
    private const int WritesPerBatch = 16;
    private const int MaxBatchBytes = 256 * 1024;
    private readonly List<(string Path, byte[]? Data)> _batch = new();
    private int _batchBytes;
    private ZkSession? _batchSession;
    private RequestWindow? _window;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>A string (encoded with -Encoding, UTF-8 by default) or a byte array (stored as is); $null stores no data.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public object? Value { get; set; }

    /// <summary>Only write if the node's version is this one (otherwise a BadVersion error); -1, the default, means any version.</summary>
    [Parameter]
    [ValidateRange(-1, int.MaxValue)]
    public int Version { get; set; } = -1;

    [Parameter]
    [EncodingArgumentTransformation]
    [ArgumentCompleter(typeof(EncodingNameCompleter))]
    public Encoding Encoding { get; set; } = NodeValue.DefaultEncoding;

    /// <summary>Emit the node as written (with its new stat).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing() => _window = new RequestWindow(this);

    private protected override void ProcessRecord(ZkSession session)
    {
        var path = Path;
        byte[]? data;
        try
        {
            data = NodeValue.ToBytes(Value, Encoding);
        }
        catch (ArgumentException exception)
        {
            // After the records before it, so that errors and output stay in input order.
            SendBatch();
            _window!.Drain();
            WriteFailure(exception, path);
            return;
        }
        if (!ShouldProcess(path, "Set node data"))
        {
            return;
        }

        if (!ZooKeeperPath.IsValid(path))
        {
            // Op.SetData would throw it out of the batch; alone, its ArgumentException comes back in input order.
            SendBatch();
            WriteOne(session, path, data);
            return;
        }
        var size = data?.Length ?? 0;
        if (_batch.Count > 0 && (!ReferenceEquals(_batchSession, session) || _batchBytes + size > MaxBatchBytes))
        {
            SendBatch();
        }
        _batch.Add((path, data));
        _batchBytes += size;
        _batchSession = session;
        _window!.FinishCompleted();
        // Nothing in flight means nobody waits for a fuller batch: a slow pipeline still gets each write at once.
        if (_batch.Count >= WritesPerBatch || _window.Count == 0)
        {
            SendBatch();
        }
    }

    protected override void EndProcessing()
    {
        SendBatch();
        _window!.Drain();
    }

    /// <summary>Sends the writes collected so far: one setData, or a multi of several.</summary>
    private void SendBatch()
    {
        if (_batch.Count == 0)
        {
            return;
        }
        var session = _batchSession!;
        var writes = _batch.ToList();
        _batch.Clear();
        _batchBytes = 0;
        _batchSession = null;
        if (writes.Count == 1)
        {
            WriteOne(session, writes[0].Path, writes[0].Data);
            return;
        }

        var client = session.Client;
        var version = Version;
        var token = StopToken;
        var ops = writes.Select(write => Op.SetData(write.Path, write.Data, version)).ToList();
        _window!.Add(Start(() => client.MultiAsync(ops, token)), session, request =>
        {
            if (request.Status == TaskStatus.RanToCompletion)
            {
                var results = ((Task<IReadOnlyList<OpResult>>)request).Result;
                for (var i = 0; i < writes.Count && PassThru; i++)
                {
                    var (path, data) = writes[i];
                    WriteObject(new ZkNode(session, path, data ?? Array.Empty<byte>(), ((SetDataOpResult)results[i]).Stat, Encoding));
                }
                return;
            }
            var failure = request.IsFaulted ? ZkErrors.Unwrap(request.Exception!) : null;
            if (failure is MultiOperationException or ArgumentException)
            {
                // A multi applies all or nothing: one write that cannot happen (no node, another version, bad
                // input) holds back the batch. One by one, each write gets its own outcome.
                var singles = new RequestWindow(this);
                foreach (var (path, data) in writes)
                {
                    singles.Add(Start(() => client.SetDataAsync(path, data, version, token)), session,
                        single => Finish(single, session, path, data));
                }
                singles.Drain();
                return;
            }
            // The connection or the session failed: every write of the batch shares that outcome.
            foreach (var (path, _) in writes)
            {
                WriteFailure(request, path);
            }
        }, nodes: writes.Count);
    }

    private void WriteOne(ZkSession session, string path, byte[]? data)
    {
        var client = session.Client;
        var version = Version;
        var token = StopToken;
        _window!.Add(Start(() => client.SetDataAsync(path, data, version, token)), session,
            request => Finish(request, session, path, data));
    }

    private void Finish(Task request, ZkSession session, string path, byte[]? data)
    {
        if (request.Status != TaskStatus.RanToCompletion)
        {
            WriteFailure(request, path);
        }
        else if (PassThru)
        {
            WriteObject(new ZkNode(session, path, data ?? Array.Empty<byte>(), ((Task<Stat>)request).Result, Encoding));
        }
    }
}
