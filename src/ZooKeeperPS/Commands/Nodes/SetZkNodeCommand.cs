using System;
using System.Management.Automation;
using System.Text;
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
    // A multi carries up to this many writes and this many bytes of data and paths: far below the server's 1 MB request limit.
    private static readonly BatchLimits Limits = new(maxItems: 16, maxBytes: 256 * 1024);
    private BatchWindow<DataWrite, Stat>? _window;
    private bool _valueOnCommandLine;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>A string (encoded with -Encoding, UTF-8 by default) or a byte array (stored as is); $null stores no data.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public object? Value { get; set; } = NodeValue.NotGiven;

    /// <summary>The data as exact bytes. A piped node binds its Data here, which wins over its decoded Value.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BytesArgumentTransformation]
    public byte[]? Data { get; set; }

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

    protected override void BeginProcessing()
    {
        _valueOnCommandLine = NodeValue.IsValueOnCommandLine(this);
        _window = new BatchWindow<DataWrite, Stat>(this, new DataWriteOperation(Version), Limits, WriteNode,
            (write, failure) => WriteFailure(failure, write.Path));
    }

    private protected override void ProcessRecord(ZkSession session)
    {
        byte[]? data;
        try
        {
            if (!NodeValue.TryGetBytes(Value, Data, _valueOnCommandLine, Encoding, out data))
            {
                throw new ArgumentException(
                    "Set-ZkNode needs the new data: give -Value (text or bytes) or -Data (bytes), or pipe objects with a Value or Data property.");
            }
        }
        catch (ArgumentException exception)
        {
            _window!.Reject(new DataWrite(Path, null), exception);
            return;
        }
        if (Queued(() => new ZkOperation { Kind = ZkOperationKind.Set, Path = Path, Value = data, Version = Version }))
        {
            return;
        }
        if (!ShouldProcess(Path, "Set node data"))
        {
            return;
        }
        var write = new DataWrite(Path, data);
        if (NodePath.Problem(Path) is { } invalid)
        {
            _window!.Reject(write, invalid);
            return;
        }
        _window!.Add(session, write);
    }

    protected override void EndProcessing() => _window!.Drain();

    internal override InTransaction InTransaction => InTransaction.Queued;

    private void WriteNode(ZkSession session, DataWrite write, Stat stat)
    {
        if (PassThru)
        {
            WriteObject(new ZkNode(session, write.Path, write.Data ?? Array.Empty<byte>(), stat, Encoding));
        }
    }
}
