using System;
using System.Linq;
using System.Management.Automation;

namespace ZooKeeperPS.Commands;

/// <summary>
/// The paths of the ephemeral nodes the session owns (getEphemerals, ZooKeeper 3.6+), optionally only those that
/// start with a prefix. The paths pipe on to Get-ZkNode or Remove-ZkNode.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ZkEphemeral")]
[OutputType(typeof(string))]
public sealed class GetZkEphemeralCommand : ZkSessionCmdlet
{
    /// <summary>Only paths that start with this text (a plain prefix: /app also matches /apple).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Prefix { get; set; } = "/";

    private protected override void ProcessRecord(ZkSession session)
    {
        var client = session.Client;
        var prefix = Prefix;
        var token = StopToken;
        try
        {
            var paths = this.Await(() => client.GetEphemeralsAsync(prefix, token), session);
            WriteObject(paths.OrderBy(path => path, StringComparer.Ordinal), enumerateCollection: true);
        }
        catch (Exception failure) when (failure is not PipelineStoppedException)
        {
            WriteFailure(failure, prefix);
        }
    }
}
