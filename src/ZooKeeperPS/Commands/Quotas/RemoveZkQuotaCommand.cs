using System;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Removes the quota on a subtree, or some of its limits, as zkCli's delquota does. Without -Count and -Bytes the
/// whole quota goes; with them, only those limits (the hard ones with -Hard).
/// </summary>
[Cmdlet(VerbsCommon.Remove, "ZkQuota", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveZkQuotaCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = { };

    /// <summary>Remove only the node-count limit.</summary>
    [Parameter]
    public SwitchParameter Count { get; set; }

    /// <summary>Remove only the byte limit.</summary>
    [Parameter]
    public SwitchParameter Bytes { get; set; }

    /// <summary>With -Count or -Bytes: remove the hard limits instead of the soft ones; alone: both hard limits.</summary>
    [Parameter]
    public SwitchParameter Hard { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        foreach (var path in Path)
        {
            Apply(session, path);
        }
    }

    private void Apply(ZkSession session, string path)
    {
        var kinds = Kinds();
        if (!ShouldProcess(path, kinds == QuotaLimitKinds.All ? "Remove quota" : $"Remove quota limits ({kinds})"))
        {
            return;
        }
        var client = session.Client;
        var token = StopToken;
        try
        {
            if (!this.Await(() => client.RemoveQuotaAsync(path, kinds, token), session))
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"{path} has no quota."), "ZooKeeper.NoQuota", ErrorCategory.ObjectNotFound, path));
            }
        }
        catch (Exception failure) when (failure is not PipelineStoppedException)
        {
            WriteFailure(failure, path);
        }
    }

    private QuotaLimitKinds Kinds()
    {
        var count = Count || (Hard && !Bytes);
        var bytes = Bytes || (Hard && !Count);
        if (!count && !bytes)
        {
            return QuotaLimitKinds.All;
        }
        return (count ? (Hard ? QuotaLimitKinds.CountHardLimit : QuotaLimitKinds.Count) : QuotaLimitKinds.None)
            | (bytes ? (Hard ? QuotaLimitKinds.ByteHardLimit : QuotaLimitKinds.Bytes) : QuotaLimitKinds.None);
    }
}
