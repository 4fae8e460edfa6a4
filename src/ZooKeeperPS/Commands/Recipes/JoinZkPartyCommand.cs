using System;
using System.Diagnostics;
using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>Joins a party (kazoo's Party, or ShallowParty with -Shallow) with an ephemeral member node of the session.</summary>
[Cmdlet(VerbsCommon.Join, "ZkParty", SupportsShouldProcess = true)]
[OutputType(typeof(ZkPartyMember))]
public sealed class JoinZkPartyCommand : ZkSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>What the other members see of this one; by default machine:pid.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNull]
    public string? Identifier { get; set; }

    /// <summary>kazoo's ShallowParty: the identifier goes into the node's name, so listing the members takes one call.</summary>
    [Parameter]
    public SwitchParameter Shallow { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        var identifier = Identifier ?? $"{Environment.MachineName}:{Process.GetCurrentProcess().Id}";
        if (Shallow && identifier.IndexOf('/') >= 0)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument("A -Shallow party member's -Identifier is part of its node name and cannot contain '/'.", "InvalidIdentifier", identifier));
        }
        if (!ShouldProcess(Path, $"Join the party as '{identifier}'"))
        {
            return;
        }
        var join = ZooKeeperParty.JoinAsync(session.Client, Path, identifier, Shallow, StopToken);
        WaitFor(join, session);
        if (join.IsFaulted || join.IsCanceled)
        {
            WriteFailure(join.Exception ?? (Exception)new OperationCanceledException(), Path);
            return;
        }
        WriteVerbose($"Joined {Path} as {join.Result.NodePath}; the membership lasts until Exit-ZkParty or the session's end.");
        WriteObject(new ZkPartyMember(session, join.Result));
    }
}
