using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Checks an ensemble as zk-shell's chkzk does: every member serving, exactly one leader, a quorum of voting members,
/// and how far the members' zxids and znode counts drift apart. -Quiet answers with one boolean.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ZkServer", DefaultParameterSetName = SessionSet)]
[OutputType(typeof(ZkServerCheck), typeof(bool))]
public sealed class TestZkServerCommand : ZkServerStatusCmdlet
{
    /// <summary>The largest difference of the members' zxids that still passes (a member of an older epoch is far behind).</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    public long MaxZxidDrift { get; set; } = 100;

    /// <summary>The largest difference of the members' znode counts that still passes.</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    public long MaxZnodeCountDrift { get; set; } = 10;

    /// <summary>One boolean: whether every check passed.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    private protected override void ProcessMembers(IReadOnlyList<ServerMember> members, IConnectionTransport transport)
    {
        var checks = Check(ReadStatuses(members, transport));
        if (Quiet)
        {
            WriteObject(checks.All(c => c.Passed));
            return;
        }
        foreach (var check in checks) WriteObject(check);
    }

    private List<ZkServerCheck> Check(List<ZkServer> rows)
    {
        var serving = rows.Where(r => r.Serving).ToList();
        var notServing = rows.Where(r => !r.Serving).Select(r => $"{r.Server}: {r.Error ?? r.Mode}").ToList();
        var leaders = serving.Where(r => r.Mode is "leader" or "standalone").ToList();
        var voters = serving.Count(r => r.Mode is "leader" or "follower" or "standalone");
        // The voting members are those that are not observers; a member that did not answer may vote.
        var voting = rows.Count(r => r.Mode != "observer");
        var quorum = voting / 2 + 1;

        return new List<ZkServerCheck>
        {
            new("MembersServing", notServing.Count == 0,
                notServing.Count == 0 ? $"all {rows.Count} members serve" : $"{notServing.Count} of {rows.Count} do not serve: {string.Join("; ", notServing)}"),
            new("OneLeader", leaders.Count == 1,
                leaders.Count == 1 ? $"{leaders[0].Server} is the {leaders[0].Mode}" : $"{leaders.Count} leaders among the serving members{Names(leaders)}"),
            new("Quorum", voters >= quorum, $"{voters} of {voting} voting members serve; a quorum is {quorum}"),
            Drift("ZxidDrift", serving, r => r.Zxid, MaxZxidDrift, zxid => "0x" + zxid.ToString("x", CultureInfo.InvariantCulture)),
            Drift("ZnodeCountDrift", serving, r => r.ZnodeCount, MaxZnodeCountDrift, count => count.ToString(CultureInfo.InvariantCulture)),
        };
    }

    private static ZkServerCheck Drift(string name, List<ZkServer> serving, Func<ZkServer, long?> figure, long allowed, Func<long, string> format)
    {
        var known = serving.Where(r => figure(r) is not null).ToList();
        if (known.Count < serving.Count) return new ZkServerCheck(name, false, $"{serving.Count - known.Count} serving members did not say");
        if (known.Count == 0) return new ZkServerCheck(name, false, "no member serves");
        var low = known.OrderBy(r => figure(r)).First();
        var high = known.OrderBy(r => figure(r)).Last();
        var drift = figure(high)!.Value - figure(low)!.Value;
        var detail = drift == 0
            ? $"all at {format(figure(low)!.Value)}"
            : $"{drift} apart: {low.Server} at {format(figure(low)!.Value)}, {high.Server} at {format(figure(high)!.Value)} (at most {allowed} allowed)";
        return new ZkServerCheck(name, drift <= allowed, detail);
    }

    private static string Names(List<ZkServer> rows) => rows.Count == 0 ? "" : ": " + string.Join(", ", rows.Select(r => r.Server));
}
