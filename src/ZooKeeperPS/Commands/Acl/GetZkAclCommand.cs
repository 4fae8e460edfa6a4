using System;
using System.Management.Automation;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Reads the ACLs of znodes: one entry object per ACL entry, with the node's path and ACL version. Reads are
/// pipelined; -Recurse walks each subtree (the node first, then its descendants depth first).
/// </summary>
[Cmdlet(VerbsCommon.Get, "ZkAcl")]
[OutputType(typeof(ZkAclEntry))]
public sealed class GetZkAclCommand : ZkSessionCmdlet
{
    private RequestWindow? _window;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string[] Path { get; set; } = { };

    /// <summary>Also read the ACL of every node below each path.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    protected override void BeginProcessing() => _window = new RequestWindow(this);

    private protected override void ProcessRecord(ZkSession session)
    {
        foreach (var path in Path)
        {
            if (NodePath.Problem(path) is { } invalid)
            {
                _window!.AddFailure(invalid, failure => WriteFailure(failure, path));
                continue;
            }
            var found = false;
            Read(session, path, () => found = true);
            if (Recurse)
            {
                // The walk would report a missing or unreadable root a second time: it starts once the root was read.
                _window!.Drain();
                if (!found)
                {
                    continue;
                }
                foreach (var node in new TreeListing(this, session, path, new TreeWalkOptions()).Nodes())
                {
                    Read(session, node.Path, null);
                }
            }
        }
    }

    protected override void EndProcessing() => _window!.Drain();

    private void Read(ZkSession session, string path, Action? onFound)
    {
        var client = session.Client;
        var token = StopToken;
        _window!.Add(() => client.GetAclAsync(path, token), session,
            read =>
            {
                onFound?.Invoke();
                WriteObject(ZkAclEntry.FromAcl(path, read), enumerateCollection: true);
            },
            failure => WriteFailure(failure, path));
    }
}
