using System;
using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>Lists the members of a party as kazoo's Party (or ShallowParty with -Shallow) sees them.</summary>
[Cmdlet(VerbsCommon.Get, "ZkPartyMember")]
[OutputType(typeof(ZkPartyMember))]
public sealed class GetZkPartyMemberCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>kazoo's ShallowParty: every child is a member, its identifier after the first '-' of its name.</summary>
    [Parameter]
    public SwitchParameter Shallow { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        var list = ZooKeeperParty.MembersAsync(session.Client, Path, Shallow, StopToken);
        WaitFor(list, session);
        if (list.IsFaulted || list.IsCanceled)
        {
            WriteFailure(list.Exception ?? (Exception)new OperationCanceledException(), Path);
            return;
        }
        foreach (var member in list.Result)
        {
            WriteObject(new ZkPartyMember(session, member));
        }
    }
}
