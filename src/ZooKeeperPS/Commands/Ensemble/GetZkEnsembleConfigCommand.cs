using System;
using System.Management.Automation;

namespace ZooKeeperPS.Commands;

/// <summary>
/// The ensemble's configuration (/zookeeper/config, read outside any chroot) as one object per member, each with the
/// config's version. A standalone server without a dynamic configuration has none: nothing is written.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ZkEnsembleConfig")]
[OutputType(typeof(ZkEnsembleMember))]
public sealed class GetZkEnsembleConfigCommand : ZkSessionCmdlet
{
    private protected override void ProcessRecord(ZkSession session)
    {
        try
        {
            var (config, _) = this.Await(() => session.Client.GetConfigAsync(StopToken), session);
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
            WriteFailure(failure, Client.ZooKeeperClient.ConfigPath);
        }
    }
}
