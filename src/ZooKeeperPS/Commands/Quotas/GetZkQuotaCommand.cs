using System.Management.Automation;

namespace ZooKeeperPS.Commands;

/// <summary>Lists the quotas on a path and below it (all of the session's tree by default), with their usage.</summary>
[Cmdlet(VerbsCommon.Get, "ZkQuota")]
[OutputType(typeof(ZkQuota))]
public sealed class GetZkQuotaCommand : ZkSessionCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = { "/" };

    private protected override void ProcessRecord(ZkSession session)
    {
        var client = session.Client;
        var token = StopToken;
        foreach (var path in Path)
        {
            try
            {
                foreach (var quota in this.Await(() => client.GetQuotasAsync(path, token), session))
                {
                    WriteObject(new ZkQuota(session, quota));
                }
            }
            catch (System.Exception failure) when (failure is not PipelineStoppedException)
            {
                WriteFailure(failure, path);
            }
        }
    }
}
