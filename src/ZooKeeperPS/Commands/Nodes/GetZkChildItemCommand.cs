using System.Management.Automation;
using System.Text;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Lists the children of a znode as node objects (data and stat) or, with -Name, as names; -Recurse/-Depth walk
/// the subtree depth first with many requests in flight, streaming results as they arrive.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ZkChildItem")]
[OutputType(typeof(ZkNode))]
[OutputType(typeof(string))]
public sealed class GetZkChildItemCommand : ZkSessionCmdlet
{
    private int _depth = int.MaxValue;
    private bool _depthGiven;

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "/";

    /// <summary>Only children whose name matches this wildcard pattern are output (the walk still descends into the others).</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Filter { get; set; }

    /// <summary>List the whole subtree.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>How many levels below the children to descend (0: the children only); implies -Recurse.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Depth
    {
        get => _depth;
        set
        {
            _depth = value;
            _depthGiven = true;
        }
    }

    /// <summary>Output names only (paths relative to -Path when recursing), without reading each node's data.</summary>
    [Parameter]
    public SwitchParameter Name { get; set; }

    /// <summary>How to decode each node's data into Value (UTF-8 by default).</summary>
    [Parameter]
    [EncodingArgumentTransformation]
    [ArgumentCompleter(typeof(EncodingNameCompleter))]
    public Encoding Encoding { get; set; } = NodeValue.DefaultEncoding;

    private protected override void ProcessRecord(ZkSession session)
    {
        var root = Path;
        var maxDepth = _depthGiven ? _depth : Recurse ? int.MaxValue : 0;
        var options = new TreeWalkOptions { MaxDepth = maxDepth, WithData = !Name };
        if (Filter is not null)
        {
            var pattern = new WildcardPattern(Filter, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            options.Include = pattern.IsMatch;
        }

        var progress = new Progress(this, 2, $"Listing {root}");
        var listing = new TreeListing(this, session, root, options);
        var count = 0;
        foreach (var node in listing.Nodes())
        {
            count++;
            if (Name)
            {
                WriteObject(RelativeName(root, node.Path));
            }
            else
            {
                WriteObject(new ZkNode(session, node.Path, node.Data!.Data, node.Data.Stat, Encoding));
            }
            if (maxDepth > 0)
            {
                progress.Report($"{count} nodes listed, {listing.Pending} pending");
            }
        }
        progress.Complete();
    }

    private static string RelativeName(string root, string path) =>
        path.Substring(root == "/" ? 1 : root.Length + 1);
}
