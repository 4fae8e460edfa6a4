using System.Management.Automation;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Base of the cmdlets that act on the nodes their paths name, many at once (Get-ZkNode, Test-ZkNode,
/// Remove-ZkNode): -Path with wildcards (see <see cref="WildcardPaths"/>), by value or by property name from the
/// pipeline, or -LiteralPath taken exactly as written.
/// </summary>
public abstract class ZkNodePathsCmdlet : ZkSessionCmdlet
{
    private protected const string PathSet = "Path";
    private protected const string LiteralPathSet = "LiteralPath";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string[] Path { get; set; } = { };

    /// <summary>Paths taken exactly as written: *, ? and [ are parts of names.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("LP")]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string[] LiteralPath { get; set; } = { };

    /// <summary>Whether this record's paths came in -LiteralPath, so that wildcards are parts of names.</summary>
    private protected bool IsLiteral => ParameterSetName == LiteralPathSet;

    /// <summary>This record's paths, from -Path or -LiteralPath.</summary>
    private protected string[] GivenPaths => IsLiteral ? LiteralPath : Path;
}
