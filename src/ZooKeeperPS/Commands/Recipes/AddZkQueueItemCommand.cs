using System;
using System.Management.Automation;
using System.Text;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>Puts entries into a queue in the layout of kazoo's Queue (entry-&lt;priority&gt;-&lt;sequence&gt;).</summary>
[Cmdlet(VerbsCommon.Add, "ZkQueueItem", SupportsShouldProcess = true)]
[OutputType(typeof(ZkQueueItem))]
public sealed class AddZkQueueItemCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>A string (encoded with -Encoding, UTF-8 by default) or a byte array (stored as is); each piped value is one entry.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [AllowEmptyString]
    public object Value { get; set; } = "";

    /// <summary>0 to 999; lower priorities are taken first. 100 by default, as in kazoo.</summary>
    [Parameter]
    [ValidateRange(0, 999)]
    public int Priority { get; set; } = ZooKeeperQueue.DefaultPriority;

    [Parameter]
    [EncodingArgumentTransformation]
    [ArgumentCompleter(typeof(EncodingNameCompleter))]
    public Encoding Encoding { get; set; } = NodeValue.DefaultEncoding;

    /// <summary>kazoo's LockingQueue layout: the entry goes into &lt;path&gt;/entries.</summary>
    [Parameter]
    public SwitchParameter Locking { get; set; }

    /// <summary>Write the entry that was put (its Name holds the sequence number).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        byte[] data;
        try
        {
            data = NodeValue.ToBytes(Value, Encoding) ?? Array.Empty<byte>();
        }
        catch (ArgumentException invalid)
        {
            WriteError(ZkErrors.InvalidArgument(invalid.Message, "InvalidValue", Value));
            return;
        }
        if (!ShouldProcess(Path, $"Put an entry of {data.Length} bytes with priority {Priority} into the queue"))
        {
            return;
        }
        var put = Locking
            ? ZooKeeperLockingQueue.PutAsync(session.Client, Path, data, Priority, StopToken)
            : ZooKeeperQueue.PutAsync(session.Client, Path, data, Priority, StopToken);
        WaitFor(put, session);
        if (put.IsFaulted || put.IsCanceled)
        {
            WriteFailure(put.Exception ?? (Exception)new OperationCanceledException(), Path);
            return;
        }
        WriteVerbose($"Put {put.Result.Name} into {Path}.");
        if (PassThru)
        {
            WriteObject(new ZkQueueItem(session, put.Result, Encoding));
        }
    }
}
