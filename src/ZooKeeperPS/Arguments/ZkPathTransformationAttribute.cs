using System;
using System.Management.Automation;

namespace ZooKeeperPS;

/// <summary>
/// Refuses a session as -Path. -Session takes sessions from the pipeline (Get-ZkSession | Get-ZkNode /x reads /x
/// on each session); when -Path is not given as well, PowerShell would otherwise turn the session into a string and
/// use that as the path. This way the error says what went wrong.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ZkPathTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is ZkSession)
        {
            throw new ArgumentTransformationMetadataException("A ZooKeeper session is not a znode path.");
        }
        return inputData;
    }
}
