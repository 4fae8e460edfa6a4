using System.Collections.Generic;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Every member of an ensemble with its mode, version, zxid and load (srvr/mntr or the AdminServer). A member that
/// cannot be asked is a row with its Error, not a missing row and not an error record.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ZkServer", DefaultParameterSetName = SessionSet)]
[OutputType(typeof(ZkServer))]
public sealed class GetZkServerCommand : ZkServerStatusCmdlet
{
    private protected override void ProcessMembers(IReadOnlyList<ServerMember> members, IConnectionTransport transport)
    {
        foreach (var row in ReadStatuses(members, transport))
        {
            if (row.Error is not null) WriteVerbose($"{row.Server}: {row.Error}");
            if (row.Notice is not null) WriteVerbose(row.Notice);
            WriteObject(row);
        }
    }
}
