using System;
using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>Leaves a party: deletes the member node from Join-ZkParty (or a listed member's, to remove it).</summary>
[Cmdlet(VerbsCommon.Exit, "ZkParty", SupportsShouldProcess = true)]
public sealed class ExitZkPartyCommand : ZkCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public ZkPartyMember[] Member { get; set; } = null!;

    protected override void ProcessRecord()
    {
        foreach (var member in Member)
        {
            if (!ShouldProcess(member.NodePath, $"Leave the party {member.Path}"))
            {
                continue;
            }
            var leave = ZooKeeperParty.LeaveAsync(member.Session.Client, member.Member, StopToken);
            WaitFor(leave, member.Session);
            if (leave.IsFaulted || leave.IsCanceled)
            {
                WriteFailure(leave.Exception ?? (Exception)new OperationCanceledException(), member.NodePath);
            }
            else if (!leave.Result)
            {
                WriteVerbose($"{member.NodePath} was gone already (its session ended, or it left).");
            }
        }
    }
}
