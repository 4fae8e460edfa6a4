using System;
using System.Management.Automation;
using System.Text;

namespace ZooKeeperPS;

/// <summary>
/// Lets -Encoding take the names PowerShell users type (utf8, unicode, ascii, latin1, ...), a code page number,
/// or an Encoding object.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class EncodingArgumentTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        if (inputData is PSObject wrapped)
        {
            inputData = wrapped.BaseObject;
        }
        switch (inputData)
        {
            case Encoding encoding:
                return encoding;
            case int codePage:
                return Encoding.GetEncoding(codePage);
            case string name:
                return FromName(name);
            default:
                throw new ArgumentTransformationMetadataException(
                    $"Cannot use {inputData?.GetType().FullName ?? "null"} as an encoding; use a name such as utf8, unicode or ascii.");
        }
    }

    internal static readonly string[] Names =
        { "ascii", "bigendianunicode", "bigendianutf32", "latin1", "unicode", "utf32", "utf8", "utf8BOM", "utf8NoBOM" };

    private static Encoding FromName(string name)
    {
        switch (name.ToLowerInvariant())
        {
            // A byte order mark is never stored in znode data, so the three UTF-8 names mean the same here.
            case "utf8" or "utf-8" or "utf8bom" or "utf8nobom": return NodeValue.DefaultEncoding;
            case "unicode" or "utf-16" or "utf16": return new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
            case "bigendianunicode": return new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
            case "utf32" or "utf-32": return new UTF32Encoding(bigEndian: false, byteOrderMark: false);
            case "bigendianutf32": return new UTF32Encoding(bigEndian: true, byteOrderMark: false);
            case "ascii": return Encoding.ASCII;
            case "latin1": return Encoding.GetEncoding("iso-8859-1");
        }
        try
        {
            return int.TryParse(name, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            throw new ArgumentTransformationMetadataException(
                $"'{name}' is not a known encoding. Use one of: {string.Join(", ", Names)}, or a code page number.");
        }
    }
}
