using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Creates znodes. Creates from the pipeline are pipelined and, while earlier ones are in flight, go in multis; a
/// multi that fails is redone create by create, so each create still gets its own outcome, in input order.
/// </summary>
[Cmdlet(VerbsCommon.New, "ZkNode", SupportsShouldProcess = true)]
[OutputType(typeof(ZkNode))]
public sealed class NewZkNodeCommand : ZkSessionCmdlet
{
    private const int MaxRememberedParents = 10000;
    // A multi carries up to this many creates and this many bytes of data, paths and ACLs: far below the server's 1 MB request limit.
    private static readonly BatchLimits Limits = new(maxItems: 100, maxBytes: 256 * 1024);
    private static readonly ErrorAdvice TtlNeedsExtendedTypes = new(
        "TTL nodes need a server started with zookeeper.extendedTypesEnabled=true.",
        "Start the server with zookeeper.extendedTypesEnabled=true, or create the node without -Ttl.");
    private readonly HashSet<string> _parentsEnsured = new(StringComparer.Ordinal);
    private BatchWindow<NodeCreate, CreateResult>? _window;
    private CreateMode _mode;
    private bool _valueOnCommandLine;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string Path { get; set; } = "";

    /// <summary>A string (encoded with -Encoding, UTF-8 by default) or a byte array (stored as is).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public object? Value { get; set; } = NodeValue.NotGiven;

    /// <summary>The data as exact bytes. A piped node binds its Data here, which wins over its decoded Value.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BytesArgumentTransformation]
    public byte[]? Data { get; set; }

    [Parameter]
    public SwitchParameter MakePath { get; set; }

    [Parameter]
    public SwitchParameter Ephemeral { get; set; }

    [Parameter]
    public SwitchParameter Sequential { get; set; }

    [Parameter]
    public SwitchParameter Container { get; set; }

    /// <summary>With -Sequential: a GUID in the name (Curator's protection), so that a lost create is confirmed by finding it.</summary>
    [Parameter]
    public SwitchParameter Protected { get; set; }

    [Parameter]
    [SecondsArgumentTransformation]
    public TimeSpan? Ttl { get; set; }

    /// <summary>The new node's ACL (New-ZkAcl); the default is open to everybody. Parents made by -MakePath get the default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public ZkAclEntry[]? Acl { get; set; }

    [Parameter]
    [EncodingArgumentTransformation]
    [ArgumentCompleter(typeof(EncodingNameCompleter))]
    public Encoding Encoding { get; set; } = NodeValue.DefaultEncoding;

    protected override void BeginProcessing()
    {
        _valueOnCommandLine = NodeValue.IsValueOnCommandLine(this);
        string? conflict =
            Container && (Ephemeral || Sequential || Ttl.HasValue) ? "-Container cannot be combined with -Ephemeral, -Sequential or -Ttl."
            : Ephemeral && Ttl.HasValue ? "-Ttl applies to persistent nodes only; it cannot be combined with -Ephemeral."
            : Ttl.HasValue && Ttl.Value <= TimeSpan.Zero ? "-Ttl must be positive."
            : Protected && !Sequential ? "-Protected applies to sequential nodes; add -Sequential."
            : null;
        if (conflict is not null)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(conflict, "InvalidCreateMode", null));
        }
        _mode = Container ? CreateMode.Container
            : Ttl.HasValue ? (Sequential ? CreateMode.PersistentSequentialWithTtl : CreateMode.PersistentWithTtl)
            : Ephemeral ? (Sequential ? CreateMode.EphemeralSequential : CreateMode.Ephemeral)
            : Sequential ? CreateMode.PersistentSequential : CreateMode.Persistent;
        var operation = new NodeCreateOperation(_mode, Acl is null ? null : ZkAclEntry.ToAcl(Acl), Ttl, Protected);
        _window = new BatchWindow<NodeCreate, CreateResult>(this, operation, Limits,
            (session, create, created) => WriteObject(new ZkNode(session, created.Path, create.Data ?? Array.Empty<byte>(), created.Stat, Encoding)),
            // A parent that could not be created explains the failure better than the NoNode that follows from it.
            (create, failure) => WriteFailure(create.FailedParent() ?? failure, create.Path));
    }

    private protected override void ProcessRecord(ZkSession session)
    {
        var path = Path;
        byte[]? data;
        try
        {
            ZooKeeperPath.Validate(path, Sequential);
            // Without -Value or -Data the node gets empty data, as kazoo and Curator create it; only an explicit
            // $null stores null data (which kazoo reads as None).
            if (!NodeValue.TryGetBytes(Value, Data, _valueOnCommandLine, Encoding, out data))
            {
                data = Array.Empty<byte>();
            }
        }
        catch (ArgumentException exception)
        {
            // In its place: after the output and errors of the records before it.
            _window!.Reject(new NodeCreate(path, null, null), exception);
            return;
        }
        if (Queued(() => MakePath ? throw ZkTransaction.Refusal("New-ZkNode -MakePath")
            : new ZkOperation { Kind = ZkOperationKind.Create, Path = path, Value = data, Mode = _mode, Ttl = Ttl, Acl = Acl }))
        {
            return;
        }
        if (!ShouldProcess(path, "Create node"))
        {
            return;
        }

        var parents = MakePath ? CreateMissingParents(session, path) : null;
        // A protected name carries a GUID, so that a create lost with its connection is confirmed by finding the node.
        var createPath = Protected ? ProtectedCreate.ProtectPath(path, Guid.NewGuid()) : path;
        _window!.Add(session, new NodeCreate(createPath, data, parents));
    }

    protected override void EndProcessing() => _window!.Drain();

    internal override InTransaction InTransaction => InTransaction.Queued;

    internal override ErrorAdvice? AdviceFor(ZooKeeperException failure) => failure.Code switch
    {
        ErrorCode.Unimplemented when Ttl.HasValue => TtlNeedsExtendedTypes,
        // A create fails with NoNode when the parent is missing: name the parent, not the node.
        ErrorCode.NoNode when !MakePath && failure.Path is { } path => new ErrorAdvice(
            $"Its parent {ZooKeeperPath.GetParent(path)} does not exist, and New-ZkNode creates missing parents only with -MakePath.",
            "Add -MakePath to create the missing parents too."),
        _ => null,
    };

    /// <summary>
    /// Sends a create for every ancestor not yet ensured by this command, without waiting: the server executes a
    /// session's requests in order, so they all happen before the node's own create. NodeExists replies are expected.
    /// The creates collected for a multi go first, so that the server still sees every create in input order (a
    /// parent may be one of them). A node created here counts as ensured for the nodes under it.
    /// </summary>
    private List<Task>? CreateMissingParents(ZkSession session, string path)
    {
        List<Task>? parents = null;
        var client = session.Client;
        var token = StopToken;
        if (_parentsEnsured.Count >= MaxRememberedParents)
        {
            _parentsEnsured.Clear();
        }
        for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            var parent = path.Substring(0, slash);
            if (!_parentsEnsured.Add(session.Id + parent))
            {
                continue;
            }
            if (parents is null)
            {
                _window!.Flush();
                parents = new List<Task>();
            }
            parents.Add(ClientCall.Start(() => client.CreateAsync(parent, Array.Empty<byte>(), CreateMode.Persistent, null, null, token)));
        }
        if (!Sequential)
        {
            _parentsEnsured.Add(session.Id + path);
        }
        return parents;
    }
}
