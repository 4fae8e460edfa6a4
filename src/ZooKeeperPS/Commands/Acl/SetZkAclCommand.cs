using System;
using System.Collections.Generic;
using System.Management.Automation;
using ZooKeeperPS.Client;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Replaces the ACL of znodes. The ACL comes from -Acl, or from the pipeline (New-ZkAcl or Get-ZkAcl output: the
/// entries piped for a path form its new ACL, set when the input ends). -Version makes it a compare-and-set on the
/// node's ACL version; -Recurse sets the whole subtree, which is listed before anything changes (a new ACL may take
/// away the permission to list it).
/// </summary>
[Cmdlet(VerbsCommon.Set, "ZkAcl", SupportsShouldProcess = true)]
public sealed class SetZkAclCommand : ZkSessionCmdlet
{
    private readonly List<PipedAcl> _piped = new();
    private RequestWindow? _window;
    private bool _aclFromPipeline;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string[] Path { get; set; } = { };

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public ZkAclEntry[] Acl { get; set; } = { };

    /// <summary>The ACL version (aversion) the node must have; BadVersion when it has another.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Version { get; set; }

    [Parameter]
    public SwitchParameter Recurse { get; set; }

    protected override void BeginProcessing()
    {
        if (Version.HasValue && Recurse)
        {
            ThrowTerminatingError(ZkErrors.InvalidArgument(
                "-Version is the ACL version of one node; it cannot be combined with -Recurse.", "VersionWithRecurse", null));
        }
        _aclFromPipeline = !MyInvocation.BoundParameters.ContainsKey(nameof(Acl));
        _window = new RequestWindow(this);
    }

    private protected override void ProcessRecord(ZkSession session)
    {
        foreach (var path in Path)
        {
            if (!_aclFromPipeline)
            {
                Apply(session, path, Acl);
                continue;
            }
            var known = _piped.Find(piped => piped.Session == session && piped.Path == path);
            if (known is null)
            {
                _piped.Add(known = new PipedAcl(session, path));
            }
            known.Entries.AddRange(Acl);
        }
    }

    protected override void EndProcessing()
    {
        foreach (var piped in _piped)
        {
            Apply(piped.Session, piped.Path, piped.Entries);
        }
        _window!.Drain();
    }

    internal override ErrorAdvice? AdviceFor(ZooKeeperException failure) =>
        failure.Code == ErrorCode.BadVersion && Version.HasValue
            ? new ErrorAdvice(
                $"The node's ACL version is not {Version}: its ACL was changed since it was read.",
                "Read the ACL again with Get-ZkAcl (its AclVersion), check it, then repeat Set-ZkAcl with that -Version.")
            : null;

    private void Apply(ZkSession session, string path, IReadOnlyCollection<ZkAclEntry> entries)
    {
        if (NodePath.Problem(path) is { } invalid)
        {
            _window!.AddFailure(invalid, failure => WriteFailure(failure, path));
            return;
        }
        var acl = ZkAclEntry.ToAcl(entries);
        var action = "Set ACL to " + string.Join(", ", entries);
        var nodes = Recurse ? Subtree(session, path) : new List<string> { path };
        var client = session.Client;
        var version = Version ?? -1;
        var token = StopToken;
        foreach (var node in nodes)
        {
            if (ShouldProcess(node, action))
            {
                _window!.Add(() => client.SetAclAsync(node, acl, version, token), session, _ => { }, failure => WriteFailure(failure, node));
            }
        }
    }

    /// <summary>The node and every node below it, in walk order; empty (its failure written) when the node cannot be listed.</summary>
    private List<string> Subtree(ZkSession session, string root)
    {
        var nodes = new List<string> { root };
        var walker = new TreeWalker(session.Client, root);
        var token = StopToken;
        while (this.Await(() => walker.NextAsync(token), session) is { } step)
        {
            foreach (var item in step)
            {
                if (item.Failure is not null)
                {
                    WriteFailure(item.Failure, item.Path);
                    if (item.Path == root)
                    {
                        return new List<string>();
                    }
                    continue;
                }
                nodes.Add(item.Path);
            }
        }
        return nodes;
    }

    /// <summary>The ACL entries piped for one node.</summary>
    private sealed class PipedAcl
    {
        public PipedAcl(ZkSession session, string path)
        {
            Session = session;
            Path = path;
        }

        public ZkSession Session { get; }
        public string Path { get; }
        public List<ZkAclEntry> Entries { get; } = new();
    }
}
