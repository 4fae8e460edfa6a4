using System;
using System.Linq;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Changes the ensemble's membership online (dynamic reconfiguration, ZooKeeper 3.5+ with reconfigEnabled=true, as the
/// super user): -Add and -Remove members in one step, or -Member for a whole new membership. -Version makes it fail
/// when the configuration changed since it was read. Writes the new configuration's members.
/// </summary>
[Cmdlet(VerbsCommon.Set, "ZkEnsembleConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = IncrementalSet)]
[OutputType(typeof(ZkEnsembleMember))]
public sealed class SetZkEnsembleConfigCommand : ZkSessionCmdlet
{
    private const string IncrementalSet = "Incremental";
    private const string ReplaceSet = "Replace";

    /// <summary>Members to add: "server.N=host:quorumPort:electionPort[:participant|observer];[clientHost:]clientPort".</summary>
    [Parameter(ParameterSetName = IncrementalSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Add { get; set; }

    /// <summary>The server ids (myid) of members to remove.</summary>
    [Parameter(ParameterSetName = IncrementalSet)]
    [ValidateNotNullOrEmpty]
    public long[]? Remove { get; set; }

    /// <summary>The whole new membership, server lines as for -Add.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ReplaceSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Member { get; set; }

    /// <summary>The configuration's version as read (ZkEnsembleMember.Version); -1 (the default) for whatever is current.</summary>
    [Parameter]
    [ValidateRange(-1, long.MaxValue)]
    public long Version { get; set; } = -1;

    /// <summary>Skips the confirmation prompt (never -WhatIf).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private protected override void ProcessRecord(ZkSession session)
    {
        if (ParameterSetName == IncrementalSet && Add is null && Remove is null)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(
                "Say what to change: -Add server lines, -Remove server ids, or -Member for a whole new membership.", "NoMembershipChange", null));
        }
        var change = ParameterSetName == ReplaceSet
            ? "Replace the membership with " + string.Join(", ", Member!)
            : string.Join("; ", new[]
            {
                Add is null ? null : "Add " + string.Join(", ", Add),
                Remove is null ? null : "Remove server " + string.Join(", ", Remove),
            }.Where(part => part is not null));
        if (Version != -1) change += $" (if the configuration is still version 0x{Version:x})";
        if (!ShouldProcessUnlessForced("ensemble of " + session.ConnectionString, change, Force))
        {
            return;
        }

        try
        {
            var config = this.Await(
                () => ParameterSetName == ReplaceSet
                    ? session.Client.ReconfigAsync(Member!, Version, StopToken)
                    : session.Client.ReconfigAsync(Add, Remove, Version, StopToken),
                session);
            WriteVerbose($"The ensemble's configuration is now version 0x{config.Version:x}.");
            foreach (var member in config.Members)
            {
                WriteObject(new ZkEnsembleMember(member, config.Version, session));
            }
        }
        catch (PipelineStoppedException)
        {
            throw;
        }
        catch (Exception failure)
        {
            WriteFailure(failure, ZooKeeperClient.ConfigPath);
        }
    }

    internal override ErrorAdvice? AdviceFor(ZooKeeperException failure) => failure.Code switch
    {
        ErrorCode.ReconfigDisabled => new ErrorAdvice(
            "The servers run with reconfigEnabled=false, the default: set reconfigEnabled=true in every member's zoo.cfg to change the membership online.",
            "Enable reconfigEnabled on the servers, or change the membership by editing their configuration and restarting them."),
        ErrorCode.NewConfigNoQuorum => new ErrorAdvice(
            "A quorum of the new configuration's voting members must be connected to the leader and in sync before it can take effect: start each new server first, configured with the current members and itself.",
            "Start the new servers, check them with Get-ZkServer, then try again."),
        ErrorCode.ReconfigInProgress => new ErrorAdvice("Another reconfiguration is being applied.", "Wait a moment, then try again."),
        ErrorCode.BadVersion => new ErrorAdvice(
            "The configuration changed since its version was read.", "Read it again with Get-ZkEnsembleConfig and decide again."),
        ErrorCode.NoAuth => new ErrorAdvice(
            "A reconfiguration needs the super user (the servers' zookeeper.DigestAuthenticationProvider.superDigest) or an ACL that lets the session write /zookeeper/config.",
            "Connect with the super user's -Credential, or add it with Add-ZkAuthentication."),
        _ => null,
    };
}
