using System;
using System.Management.Automation;
using System.Text;
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
    private static readonly BatchLimits Limits = new(maxItems: 16);
    private BatchWindow<string, DataResult>? _window;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string[] Path { get; set; } = { };

    /// <summary>How to decode the data into Value (UTF-8 by default); Data always holds the raw bytes.</summary>
    [Parameter]
    [EncodingArgumentTransformation]
    [ArgumentCompleter(typeof(EncodingNameCompleter))]
    public Encoding Encoding { get; set; } = NodeValue.DefaultEncoding;

    protected override void BeginProcessing() =>
        _window = new BatchWindow<string, DataResult>(this, new DataReadOperation(), Limits,
            (session, path, read) => WriteObject(new ZkNode(session, path, read.Data, read.Stat, Encoding)),
            (path, failure) => WriteFailure(failure, path));

    private protected override void ProcessRecord(ZkSession session)
    {
        foreach (var path in Path)
        {
            if (NodePath.Problem(path) is { } invalid)
            {
                _window!.Reject(path, invalid);
                continue;
            }
            _window!.Add(session, path);
        }
    }

    protected override void EndProcessing() => _window!.Drain();
}
