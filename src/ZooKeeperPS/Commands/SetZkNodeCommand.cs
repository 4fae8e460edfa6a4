using System;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>Overwrites the data of znodes, optionally only at an expected version (compare-and-set); pipelined.</summary>
[Cmdlet(VerbsCommon.Set, "ZkNode", SupportsShouldProcess = true)]
[OutputType(typeof(ZkNode))]
public sealed class SetZkNodeCommand : ZkSessionCmdlet
{
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
            WriteFailure(exception, path);
            return;
        }
        if (!ShouldProcess(path, "Set node data"))
        {
            return;
        }

        var client = session.Client;
        var version = Version;
        var token = StopToken;
        var write = Start(() => client.SetDataAsync(path, data, version, token));
        _window!.Add(write, session, request =>
        {
            if (request.Status != TaskStatus.RanToCompletion)
            {
                WriteFailure(request, path);
            }
            else if (PassThru)
            {
                WriteObject(new ZkNode(session, path, data ?? Array.Empty<byte>(), ((Task<Stat>)request).Result, Encoding));
            }
        });
    }

    protected override void EndProcessing() => _window!.Drain();
}
