using System;
using System.Management.Automation;
using System.Text;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Lists the children of a znode as node objects (data and stat) or, with -Name, as names; -Recurse/-Depth walk
/// the subtree depth first with many requests in flight, streaming results as they arrive. -Path takes wildcards
/// (the children of every matching node, see <see cref="WildcardPaths"/>), -LiteralPath does not.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ZkChildItem", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ZkNode))]
[OutputType(typeof(string))]
public sealed class GetZkChildItemCommand : ZkSessionCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private int _depth = int.MaxValue;
    private bool _depthGiven;
    private SyncBeforeRead? _sync;

    [Parameter(Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "/";

    /// <summary>A path taken exactly as written: *, ? and [ are parts of names.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("LP")]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = "/";

    /// <summary>Only children whose name matches this wildcard pattern are output (the walk still descends into the others).</summary>
    [Parameter(Position = 1)]
    [SupportsWildcards]
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

    /// <summary>Sync the session's server with the leader before listing, so that the listing sees every committed change.</summary>
    [Parameter]
    public SwitchParameter Sync { get; set; }

    protected override void BeginProcessing() => _sync = Sync ? new SyncBeforeRead(this) : null;

    private protected override void ProcessRecord(ZkSession session)
    {
        if (_sync is not null && !_sync.Ensure(session, ParameterSetName == LiteralPathSet ? LiteralPath : Path))
        {
            return;
        }
        var roots = ParameterSetName == LiteralPathSet ? new[] { LiteralPath }
            : NodePath.Problem(Path) is null ? WildcardPaths.Resolve(this, session, Path, failure => WriteFailure(failure, Path))
            // Listed as it is: the listing reports the bad path.
            : new[] { Path };
        foreach (var root in roots ?? Array.Empty<string>())
        {
            List(session, root);
        }
    }

    private void List(ZkSession session, string root)
    {
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
                WriteObject(NameWithPath(RelativeName(root, node.Path), node.Path));
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

    /// <summary>
    /// A name as kazoo prints it, carrying its node's path as a note property, so that names can be piped on:
    /// Get-ZkChildItem /csv -Name | Get-ZkNode reads /csv/a, not "a". (PowerShell binds a piped string to -Path by
    /// value before it looks at its properties, so <see cref="ZkPathTransformationAttribute"/> takes the path it carries.)
    /// </summary>
    private static PSObject NameWithPath(string name, string path)
    {
        var named = new PSObject(name);
        named.Properties.Add(new PSNoteProperty(nameof(Path), path));
        return named;
    }
}
