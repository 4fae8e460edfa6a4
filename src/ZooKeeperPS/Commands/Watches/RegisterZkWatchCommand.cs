using System;
using System.Management.Automation;
using System.Threading.Tasks;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Watches a znode (or a subtree) and delivers its events into the PowerShell event queue, the way
/// Register-ObjectEvent does: Wait-Event / Get-Event see them, -Action runs a script block for each (and returns
/// the PSEventJob), and Unregister-Event removes the watch from the server.
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "ZkWatch", DefaultParameterSetName = NodeSet)]
[OutputType(typeof(PSEventJob))]
public sealed class RegisterZkWatchCommand : ZkSessionCmdlet
{
    private const string NodeSet = "Node";
    private const string SubtreeSet = "Subtree";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>Report only changes to the node's list of children (and the node's deletion).</summary>
    [Parameter(ParameterSetName = NodeSet)]
    public SwitchParameter Children { get; set; }

    /// <summary>Watch every node in the subtree (a persistent recursive watch).</summary>
    [Parameter(Mandatory = true, ParameterSetName = SubtreeSet)]
    public SwitchParameter Recursive { get; set; }

    /// <summary>A classic one-shot watch: one event, then the subscription ends.</summary>
    [Parameter(ParameterSetName = NodeSet)]
    public SwitchParameter Once { get; set; }

    /// <summary>The name of the subscription, for Wait-Event, Get-Event and Unregister-Event (a GUID when omitted).</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? SourceIdentifier { get; set; }

    /// <summary>Runs for each event (with $Event, $EventArgs, $Sender) instead of queueing it; the cmdlet then returns the PSEventJob.</summary>
    [Parameter(Position = 2)]
    public ScriptBlock? Action { get; set; }

    /// <summary>Extra data passed with each event ($Event.MessageData).</summary>
    [Parameter(Position = 3)]
    public PSObject? MessageData { get; set; }

    /// <summary>Unsubscribe automatically after this many events (0, the default, means never; -Once means 1).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaxTriggerCount { get; set; }

    /// <summary>Hide the subscription from Get-EventSubscriber and its events from Get-Event.</summary>
    [Parameter]
    public SwitchParameter SupportEvent { get; set; }

    /// <summary>Send the events to the session that started this remote session.</summary>
    [Parameter]
    public SwitchParameter Forward { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        var mode = Recursive ? ZkWatchMode.Recursive : Once ? ZkWatchMode.Once : ZkWatchMode.Persistent;
        var watch = new ZkWatch(session, Path, mode, Children);
        var maxTriggerCount = Once && !MyInvocation.BoundParameters.ContainsKey(nameof(MaxTriggerCount)) ? 1 : MaxTriggerCount;

        // Subscribe before the server watch exists so that no event can be missed. Like Register-ObjectEvent, an
        // unnamed subscription gets a GUID (the event manager itself would leave it unnamed and unusable).
        var sourceIdentifier = SourceIdentifier ?? Guid.NewGuid().ToString();
        var subscriber = Events.SubscribeEvent(watch, nameof(ZkWatch.Changed), sourceIdentifier, MessageData, Action,
            SupportEvent, Forward, maxTriggerCount);
        // Attached at once: the subscription may end (MaxTriggerCount) before this cmdlet returns.
        subscriber.Unsubscribed += (_, _) => watch.Stop();
        var start = ClientCall.Start(() => watch.StartAsync(StopToken));
        try
        {
            WaitFor(start, session);
        }
        finally
        {
            if (start.Status != TaskStatus.RanToCompletion)
            {
                Events.UnsubscribeEvent(subscriber);
            }
        }
        if (start.Status != TaskStatus.RanToCompletion)
        {
            WriteFailure(ClientCall.FailureOf(start), Path);
            return;
        }

        WriteVerbose($"Watching {Path} ({mode}{(Children ? ", children" : "")}) as '{subscriber.SourceIdentifier}'.");
        if (Action is not null)
        {
            WriteObject(subscriber.Action);
        }
    }
}
