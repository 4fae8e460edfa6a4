using System;
using System.Management.Automation;

namespace ZooKeeperPS;

/// <summary>
/// Converts a -Data argument to a byte array the way PowerShell converts to [byte[]], and fails loudly otherwise.
/// A compiled cmdlet's parameter that cannot take a piped property is silently left unbound, so an object whose Data
/// is not bytes would create a node with no data; a failed transformation is an error for that input object instead,
/// and the object is not processed.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class BytesArgumentTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is null or byte[])
        {
            return value;
        }
        try
        {
            return LanguagePrimitives.ConvertTo(value, typeof(byte[]));
        }
        catch (PSInvalidCastException)
        {
            throw new ArgumentTransformationMetadataException(
                $"-Data takes bytes ([byte[]]), not {value.GetType().FullName}. Give text as -Value instead.");
        }
    }
}
