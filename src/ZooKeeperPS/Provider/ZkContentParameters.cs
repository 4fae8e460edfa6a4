using System.Management.Automation;
using System.Text;

namespace ZooKeeperPS;

/// <summary>What Get-Content takes beyond its own parameters on a zk: drive.</summary>
public sealed class ZkContentReaderParameters
{
    /// <summary>How the data is decoded into text (UTF-8 by default).</summary>
    [Parameter]
    [EncodingArgumentTransformation]
    [ArgumentCompleter(typeof(EncodingNameCompleter))]
    public Encoding? Encoding { get; set; }

    /// <summary>The data as bytes, not text.</summary>
    [Parameter]
    public SwitchParameter AsByteStream { get; set; }

    /// <summary>The whole data at once: one string (or, with -AsByteStream, one byte array) instead of lines.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }
}

/// <summary>What Set-Content and Add-Content take beyond their own parameters on a zk: drive.</summary>
public sealed class ZkContentWriterParameters
{
    /// <summary>How text is encoded (UTF-8 by default).</summary>
    [Parameter]
    [EncodingArgumentTransformation]
    [ArgumentCompleter(typeof(EncodingNameCompleter))]
    public Encoding? Encoding { get; set; }

    /// <summary>The values are bytes (or byte arrays), stored as they are.</summary>
    [Parameter]
    public SwitchParameter AsByteStream { get; set; }

    /// <summary>No newline between the values written (and before them, for Add-Content).</summary>
    [Parameter]
    public SwitchParameter NoNewline { get; set; }

    /// <summary>Set by the provider for Set-Content (not Add-Content): the values replace the data.</summary>
    internal bool Overwrite { get; set; }
}
