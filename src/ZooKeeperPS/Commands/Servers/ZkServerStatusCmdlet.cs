using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>Base of Get-ZkServer and Test-ZkServer: every member's status, asked at once, where -Source says.</summary>
public abstract class ZkServerStatusCmdlet : ZkServerSourceCmdlet
{
    /// <summary>One row per member, in member order; a member that could not be asked has its Error.</summary>
    private protected List<ZkServer> ReadStatuses(IReadOnlyList<ServerMember> members, IConnectionTransport transport)
    {
        var reader = new ServerStatusReader(transport) { Source = Source, AdminPort = AdminPort };
        var reads = members.Select(member => ClientCall.Start(() => reader.ReadAsync(member.Address, Timeout, StopToken))).ToList();
        WriteVerbose($"Asking {string.Join(", ", members.Select(m => m.Address))} ({Source}).");
        WaitFor(Task.WhenAll(reads));

        var rows = new List<ZkServer>();
        for (var i = 0; i < members.Count; i++)
        {
            var read = reads[i];
            rows.Add(read.Status == TaskStatus.RanToCompletion
                ? new ZkServer(members[i].Address, members[i].Id, read.Result, null)
                : new ZkServer(members[i].Address, members[i].Id, null, ClientCall.FailureOf(read).Message));
        }
        return rows;
    }
}
