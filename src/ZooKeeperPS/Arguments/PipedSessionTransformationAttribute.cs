using System;
using System.Management.Automation;

namespace ZooKeeperPS;

/// <summary>
/// Lets a piped item that cannot carry a session (a znode path, or a row with a Path and no Session, such as
/// Import-Csv gives) bind -Session to the default session, which is what the cmdlet would use anyway. Without it,
/// PowerShell tries to convert every such item to a session (-Session takes pipeline input by value) and fails, and
/// the failed conversion costs two exceptions per item: far more than the request the item stands for. Anything
/// else (a session, an object with a Session property, no default session) is left to the usual binding.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class PipedSessionTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        var cannotCarrySession = value is string text && text.StartsWith("/", StringComparison.Ordinal)
            || inputData is PSObject row && row.Properties["Path"] is not null && row.Properties["Session"] is null;
        return cannotCarrySession && RunspaceSessions.Current.Default is { } session ? session : inputData;
    }
}
