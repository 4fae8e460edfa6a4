using System;
using System.Management.Automation;
using System.Text;

namespace ZooKeeperPS;

/// <summary>
/// Turns the -Value or -Data of New-ZkNode and Set-ZkNode into the bytes to store: a string is encoded, a byte array
/// is stored as is.
/// </summary>
internal static class NodeValue
{
    /// <summary>UTF-8 without a byte order mark; invalid bytes decode to U+FFFD rather than failing (Data keeps the exact bytes).</summary>
    public static readonly Encoding DefaultEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The default of a -Value parameter: no value given. PowerShell resets a parameter bound from the pipeline to
    /// its default before the next input object (and leaves its name in BoundParameters), so only a default that no
    /// argument can be tells "not given" apart from an explicit $null.
    /// </summary>
    public static readonly object NotGiven = new NoValue();

    /// <summary>
    /// Whether -Value was given on the command line; called in BeginProcessing, when BoundParameters holds only what
    /// the command line bound. -Value and -Data both given there is a terminating error.
    /// </summary>
    public static bool IsValueOnCommandLine(PSCmdlet cmdlet)
    {
        var bound = cmdlet.MyInvocation.BoundParameters;
        if (bound.ContainsKey("Value") && bound.ContainsKey("Data"))
        {
            cmdlet.ThrowTerminatingError(ZkErrors.InvalidArgument("Give -Value (text or bytes) or -Data (bytes), not both.", "ValueAndData", null));
        }
        return bound.ContainsKey("Value");
    }

    /// <summary>
    /// The bytes one input record stores. -Data wins over -Value: a piped node brings both, and its Value is only the
    /// decoded text of its Data (binary data would not survive the round trip). A -Value typed on the command line
    /// wins over a piped Data. False when neither is given; throws ArgumentException for a value that cannot be stored.
    /// </summary>
    public static bool TryGetBytes(object? value, byte[]? data, bool valueOnCommandLine, Encoding encoding, out byte[]? bytes)
    {
        if (data is not null && !valueOnCommandLine)
        {
            bytes = data;
            return true;
        }
        bytes = IsGiven(value) ? ToBytes(value, encoding) : null;
        return IsGiven(value);
    }

    /// <summary>The bytes for a value, or throws ArgumentException naming what was given instead.</summary>
    public static byte[]? ToBytes(object? value, Encoding encoding)
    {
        if (value is PSObject wrapped)
        {
            value = wrapped.BaseObject;
        }
        return value switch
        {
            null => null,
            string text => encoding.GetBytes(text),
            byte[] bytes => bytes,
            _ => throw new ArgumentException(
                $"-Value must be a string or a byte array, not {value.GetType().FullName}. " +
                "Convert it first, for example -Value ([string]$x) or -Value ([byte[]]$x)."),
        };
    }

    public static bool IsGiven(object? value) => !ReferenceEquals(value, NotGiven);

    private sealed class NoValue
    {
        // What the help shows as the parameter's default.
        public override string ToString() => "None";
    }
}
