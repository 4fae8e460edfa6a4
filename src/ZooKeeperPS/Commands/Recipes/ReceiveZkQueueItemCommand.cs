using System;
using System.Management.Automation;
using System.Text;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Takes entries from a queue in kazoo's Queue order (lowest priority, then first put) and removes them. An empty
/// queue gives nothing at once, as kazoo's get; -Timeout or -Wait wait for an entry.
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "ZkQueueItem", DefaultParameterSetName = "Timeout")]
[OutputType(typeof(ZkQueueItem))]
public sealed class ReceiveZkQueueItemCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>How many entries to take; fewer when the queue runs empty (and no more came within -Timeout).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; } = 1;

    /// <summary>How long to wait for each entry while the queue is empty; a TimeSpan or a number of seconds. By default not at all.</summary>
    [Parameter(ParameterSetName = "Timeout")]
    [SecondsArgumentTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.Zero;

    /// <summary>Wait for ever for each entry (Ctrl+C stops).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Wait")]
    public SwitchParameter Wait { get; set; }

    /// <summary>kazoo's LockingQueue: lock the entry instead of removing it; Complete-ZkQueueItem removes it, Unlock-ZkQueueItem gives it back.</summary>
    [Parameter]
    public SwitchParameter Locking { get; set; }

    [Parameter]
    [EncodingArgumentTransformation]
    [ArgumentCompleter(typeof(EncodingNameCompleter))]
    public Encoding Encoding { get; set; } = NodeValue.DefaultEncoding;

    private protected override void ProcessRecord(ZkSession session)
    {
        if (Timeout < TimeSpan.Zero)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument("-Timeout must not be negative.", "InvalidTimeout", Timeout));
        }
        for (var taken = 0; taken < Count; taken++)
        {
            var take = Locking
                ? ZooKeeperLockingQueue.TakeAsync(session.Client, Path, Wait ? null : Timeout, StopToken)
                : ZooKeeperQueue.TakeAsync(session.Client, Path, Wait ? null : Timeout, StopToken);
            WaitFor(take, session);
            if (take.IsFaulted || take.IsCanceled)
            {
                WriteFailure(take.Exception ?? (Exception)new OperationCanceledException(), Path);
                return;
            }
            if (take.Result is not { } entry)
            {
                WriteVerbose($"The queue {Path} is empty.");
                return;
            }
            WriteObject(new ZkQueueItem(session, entry, Encoding));
        }
    }
}
