using System;
using System.Management.Automation;

namespace ZooKeeperPS;

/// <summary>
/// What -Path binds beyond a plain string. A name from Get-ZkChildItem -Name carries its node's path (PowerShell binds
/// a piped string to -Path by value, before it looks at the string's properties), so that path is the one meant:
/// Get-ZkChildItem /csv -Name | Get-ZkNode reads /csv/a. And a session is refused: -Session takes sessions from the
/// pipeline (Get-ZkSession | Get-ZkNode /x reads /x on each session); when -Path is not given as well, PowerShell would
/// otherwise turn the session into a string and use that as the path. This way the error says what went wrong.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ZkPathTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if (inputData is PSObject { BaseObject: object[] items })
        {
            inputData = items;
        }
        return inputData is object[] many ? Array.ConvertAll(many, One) : One(inputData);
    }

    private static object? One(object? item)
    {
        var value = item is PSObject wrapped ? wrapped.BaseObject : item;
        if (value is ZkSession)
        {
            throw new ArgumentTransformationMetadataException("A ZooKeeper session is not a znode path.");
        }
        if (value is string && item is PSObject named && named.Properties["Path"]?.Value is string carried)
        {
            return carried;
        }
        return item;
    }
}
