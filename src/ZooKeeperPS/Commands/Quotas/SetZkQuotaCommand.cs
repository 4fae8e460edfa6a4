using System;
using System.Collections.Generic;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Sets the node-count and byte limits of the quota on a subtree, as zkCli's setquota does (the same nodes and text,
/// so either tool reads what the other wrote); limits not given stay as they are.
/// </summary>
[Cmdlet(VerbsCommon.Set, "ZkQuota", SupportsShouldProcess = true)]
[OutputType(typeof(ZkQuota))]
public sealed class SetZkQuotaCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = { };

    /// <summary>The most nodes the subtree may have, the node itself included.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long? Count { get; set; }

    /// <summary>The most bytes of data the subtree may hold.</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    public long? Bytes { get; set; }

    /// <summary>Set hard limits (refused by a server with zookeeper.enforceQuota=true) instead of soft ones (a warning in its log).</summary>
    [Parameter]
    public SwitchParameter Hard { get; set; }

    /// <summary>Emit the quota as it is now.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        if (Count is null && Bytes is null)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument("Give -Count, -Bytes or both: the limits to set.", "NoQuotaLimit", null));
        }
    }

    private protected override void ProcessRecord(ZkSession session)
    {
        foreach (var path in Path)
        {
            Apply(session, path);
        }
    }

    private void Apply(ZkSession session, string path)
    {
        var limits = new QuotaLimits();
        var described = new List<string>();
        if (Count is { } count)
        {
            if (Hard) limits.CountHardLimit = count;
            else limits.Count = count;
            described.Add($"{count} nodes");
        }
        if (Bytes is { } bytes)
        {
            if (Hard) limits.ByteHardLimit = bytes;
            else limits.Bytes = bytes;
            described.Add($"{bytes} bytes");
        }
        if (!ShouldProcess(path, $"Set {(Hard ? "hard" : "soft")} quota ({string.Join(", ", described)})"))
        {
            return;
        }

        var client = session.Client;
        var token = StopToken;
        Quota quota;
        try
        {
            quota = this.Await(() => client.SetQuotaAsync(path, limits, token), session);
        }
        catch (InvalidOperationException conflict)
        {
            WriteError(new ErrorRecord(conflict, "ZooKeeper.QuotaConflict", ErrorCategory.InvalidOperation, path));
            return;
        }
        catch (Exception failure) when (failure is not PipelineStoppedException)
        {
            WriteFailure(failure, path);
            return;
        }
        var result = new ZkQuota(session, quota);
        if (result.Exceeded)
        {
            WriteWarning($"{path} already exceeds its quota: it has {result.Count} nodes and {result.Bytes} bytes.");
        }
        if (PassThru)
        {
            WriteObject(result);
        }
    }
}
