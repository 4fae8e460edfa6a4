using System;
using System.Management.Automation;

namespace ZooKeeperPS;

/// <summary>
/// Lets a TimeSpan parameter take a plain number as seconds (-SessionTimeout 10). PowerShell alone would read 10 as
/// ten ticks, a millionth of a second. Strings such as 00:00:10 and TimeSpan values pass through unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class SecondsArgumentTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            int or long or short or byte or uint or ulong or ushort or sbyte => TimeSpan.FromSeconds(Convert.ToDouble(value)),
            double or float or decimal => TimeSpan.FromSeconds(Convert.ToDouble(value)),
            _ => inputData,
        };
    }
}
