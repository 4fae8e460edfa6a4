namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>
/// reconfig (3.5+): ReconfigRequest{joiningServers, leavingServers, newMembers, curConfigId} → GetDataResponse{data,
/// stat} of the new /zookeeper/config. Each list is comma-separated and null when unused; newMembers (a whole new
/// membership) excludes the other two. curConfigId -1 applies to whatever configuration is current.
/// </summary>
internal sealed class ReconfigRequest : Request<DataResult>
{
    private readonly string? _joining;
    private readonly string? _leaving;
    private readonly string? _newMembers;
    private readonly long _expectedConfigId;

    public ReconfigRequest(string? joining, string? leaving, string? newMembers, long expectedConfigId)
        : base(OpCode.Reconfig, ZooKeeperClient.ConfigPath)
    {
        _joining = joining;
        _leaving = leaving;
        _newMembers = newMembers;
        _expectedConfigId = expectedConfigId;
    }

    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(_joining);
        writer.WriteString(_leaving);
        writer.WriteString(_newMembers);
        writer.WriteLong(_expectedConfigId);
    }

    protected override DataResult ReadResult(JuteReader body) => new(body.ReadBuffer(), body.ReadStat());
}
