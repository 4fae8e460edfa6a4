using System;
using System.Globalization;
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

    /// <summary>
    /// The bytes for a value: a string encoded, a byte array (or an array of bytes only) as is, a number, boolean or
    /// other scalar as its invariant-culture text, so that the stored text does not depend on the culture of the
    /// machine that wrote it. Throws ArgumentException for what has no single text form.
    /// </summary>
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
            object[] items when Array.TrueForAll(items, item => item is byte || item is PSObject { BaseObject: byte }) =>
                Array.ConvertAll(items, item => (byte)(item is PSObject inner ? inner.BaseObject : item)),
            // Dates have many text forms, and the invariant one drops the milliseconds and the time zone.
            DateTime or DateTimeOffset => throw new ArgumentException(
                $"-Value cannot store a {value.GetType().Name} as it is: choose its text form, for example -Value $date.ToString('o') (ISO 8601)."),
            // The round-trip form: a double or float comes back exactly, also on .NET Framework.
            double or float => encoding.GetBytes(((IFormattable)value).ToString("R", CultureInfo.InvariantCulture)),
            IConvertible scalar => encoding.GetBytes(scalar.ToString(CultureInfo.InvariantCulture)),
            IFormattable scalar => encoding.GetBytes(scalar.ToString(null, CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException(
                $"-Value cannot store a {value.GetType().FullName}: a node holds text or bytes. " +
                "Convert it first, for example -Value ($x | ConvertTo-Json -Compress) for an object or a hashtable, or -Value ([byte[]]$x) for bytes."),
        };
    }

    public static bool IsGiven(object? value) => !ReferenceEquals(value, NotGiven);

    private sealed class NoValue
    {
        // What the help shows as the parameter's default.
        public override string ToString() => "None";
    }
}
