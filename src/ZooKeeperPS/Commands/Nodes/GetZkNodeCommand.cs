using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Reads the data and stat of znodes. Paths from the pipeline are read with their requests pipelined and, while
/// earlier reads are still in flight, 16 to a multiRead (3.6+ servers); nodes come out in input order.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ZkNode")]
[OutputType(typeof(ZkNode))]
public sealed class GetZkNodeCommand : ZkSessionCmdlet
{
    private const int ReadsPerBatch = 16;
    private readonly List<string> _batch = new();
    private ZkSession? _batchSession;
    private bool _multiRead = true;
    private RequestWindow? _window;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string[] Path { get; set; } = { };

    /// <summary>How to decode the data into Value (UTF-8 by default); Data always holds the raw bytes.</summary>
    [Parameter]
    [EncodingArgumentTransformation]
    [ArgumentCompleter(typeof(EncodingNameCompleter))]
    public Encoding Encoding { get; set; } = NodeValue.DefaultEncoding;

    protected override void BeginProcessing() => _window = new RequestWindow(this);

    private protected override void ProcessRecord(ZkSession session)
    {
        foreach (var path in Path)
        {
            if (_batchSession is not null && !ReferenceEquals(_batchSession, session))
            {
                SendBatch();
            }
            if (!ZooKeeperPath.IsValid(path))
            {
                // Its ArgumentException comes back through the window, in input order.
                SendBatch();
                ReadOne(session, path);
                continue;
            }
            _batch.Add(path);
            _batchSession = session;
            _window!.FinishCompleted();
            // Nothing in flight means nobody waits for a fuller batch: a slow pipeline still gets each node at once.
            if (_batch.Count >= ReadsPerBatch || _window.Count == 0)
            {
                SendBatch();
            }
        }
    }

    protected override void EndProcessing()
    {
        SendBatch();
        _window!.Drain();
    }

    private void SendBatch()
    {
        if (_batch.Count == 0)
        {
            return;
        }
        var session = _batchSession!;
        var paths = _batch.ToList();
        _batch.Clear();
        _batchSession = null;
        if (paths.Count == 1 || !_multiRead)
        {
            foreach (var path in paths)
            {
                ReadOne(session, path);
            }
            return;
        }

        var client = session.Client;
        var token = StopToken;
        var ops = paths.Select(path => Op.GetData(path)).ToList();
        _window!.Add(Start(() => client.MultiReadAsync(ops, token)), session, request =>
        {
            if (request.Status == TaskStatus.RanToCompletion)
            {
                var results = ((Task<IReadOnlyList<OpResult>>)request).Result;
                for (var i = 0; i < paths.Count; i++)
                {
                    if (results[i] is GetDataOpResult read)
                    {
                        WriteObject(new ZkNode(session, paths[i], read.Data, read.Stat, Encoding));
                    }
                    else
                    {
                        WriteFailure(new ZooKeeperException(results[i].Error, paths[i]), paths[i]);
                    }
                }
            }
            else if (request.IsFaulted && ZkErrors.Unwrap(request.Exception!) is NotSupportedException)
            {
                // A server older than 3.6: these paths, and all later ones, one getData each.
                _multiRead = false;
                var reads = paths.Select(path => Start(() => client.GetDataAsync(path, null, token))).ToList();
                for (var i = 0; i < reads.Count; i++)
                {
                    WaitFor(reads[i], session);
                    Finish(reads[i], session, paths[i]);
                }
            }
            else
            {
                foreach (var path in paths)
                {
                    WriteFailure(request, path);
                }
            }
        }, nodes: paths.Count);
    }

    private void ReadOne(ZkSession session, string path)
    {
        var client = session.Client;
        var token = StopToken;
        _window!.Add(Start(() => client.GetDataAsync(path, null, token)), session, request => Finish(request, session, path));
    }

    private void Finish(Task request, ZkSession session, string path)
    {
        if (request.Status == TaskStatus.RanToCompletion)
        {
            var result = ((Task<DataResult>)request).Result;
            WriteObject(new ZkNode(session, path, result.Data, result.Stat, Encoding));
        }
        else
        {
            WriteFailure(request, path);
        }
    }
}
