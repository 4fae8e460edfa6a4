using System;
using System.Management.Automation;
using System.Text;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Reads the data and stat of znodes. Paths from the pipeline are read with their requests pipelined and, while
/// earlier reads are still in flight, 16 to a multiRead (3.6+ servers); nodes come out in input order. -Path takes
/// wildcards (see <see cref="WildcardPaths"/>), -LiteralPath does not. With -DescendantCount the getAllChildrenNumber
/// of each node goes out when the read window hands over its read (in input order) and waits, with the other counts,
/// in a window of its own: a node comes out once its count is back, so a slow pipeline sees it one input later.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ZkNode", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ZkNode))]
public sealed class GetZkNodeCommand : ZkNodePathsCmdlet
{
    private static readonly BatchLimits Limits = new(maxItems: 16);
    private BatchWindow<string, DataResult>? _window;
    private SyncBeforeRead? _sync;
    private RequestWindow? _counts;

    /// <summary>How to decode the data into Value (UTF-8 by default); Data always holds the raw bytes.</summary>
    [Parameter]
    [EncodingArgumentTransformation]
    [ArgumentCompleter(typeof(EncodingNameCompleter))]
    public Encoding Encoding { get; set; } = NodeValue.DefaultEncoding;

    /// <summary>Sync the session's server with the leader before the first read, so that the reads see every committed change.</summary>
    [Parameter]
    public SwitchParameter Sync { get; set; }

    /// <summary>Also count every node below each node (getAllChildrenNumber, ZooKeeper 3.6+) into DescendantCount: one more request per node.</summary>
    [Parameter]
    public SwitchParameter DescendantCount { get; set; }

    protected override void BeginProcessing()
    {
        _sync = Sync ? new SyncBeforeRead(this) : null;
        _counts = DescendantCount ? new RequestWindow(this) : null;
        _window = new BatchWindow<string, DataResult>(this, new DataReadOperation(), Limits,
            (session, path, read) => WriteNode(new ZkNode(session, path, read.Data, read.Stat, Encoding)),
            WriteReadFailure);
    }

    private protected override void ProcessRecord(ZkSession session)
    {
        foreach (var path in GivenPaths)
        {
            if (_sync is not null && !_sync.Ensure(session, path, failure => _window!.Reject(path, failure)))
            {
                continue;
            }
            if (NodePath.Problem(path) is { } invalid)
            {
                _window!.Reject(path, invalid);
                continue;
            }
            var nodes = IsLiteral ? new[] { path } : WildcardPaths.Resolve(this, session, path, failure => _window!.Reject(path, failure));
            foreach (var node in nodes ?? Array.Empty<string>())
            {
                _window!.Add(session, node);
            }
        }
    }

    protected override void EndProcessing()
    {
        _window!.Drain();
        _counts?.Drain();
    }

    private void WriteNode(ZkNode node)
    {
        if (_counts is null)
        {
            WriteObject(node);
            return;
        }
        var client = node.Session.Client;
        var token = StopToken;
        _counts.Add(() => client.GetAllChildrenNumberAsync(node.Path, token), node.Session,
            count =>
            {
                node.DescendantCount = count;
                WriteObject(node);
            },
            failure =>
            {
                // The node was read: it is still output, without its count.
                WriteFailure(failure, node.Path);
                WriteObject(node);
            });
    }

    // A failed read waits behind the counts still in flight, so that errors and nodes keep the input order.
    private void WriteReadFailure(string path, Exception failure)
    {
        if (_counts is null)
        {
            WriteFailure(failure, path);
        }
        else
        {
            _counts.AddFailure(failure, counted => WriteFailure(counted, path));
        }
    }
}
