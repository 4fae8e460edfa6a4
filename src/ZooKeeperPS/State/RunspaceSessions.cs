using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace ZooKeeperPS;

/// <summary>
/// The sessions opened in one runspace and which of them is the default. Kept per runspace (not in a static
/// field shared by all runspaces), so ForEach-Object -Parallel or hosted runspaces never use each other's sessions.
/// Sessions still open when their runspace closes are closed with it.
/// </summary>
internal sealed class RunspaceSessions
{
    private static readonly ConditionalWeakTable<Runspace, RunspaceSessions> ByRunspace = new();
    private readonly List<ZkSession> _open = new();

    private RunspaceSessions(Runspace runspace)
    {
        runspace.StateChanged += (_, e) =>
        {
            if (e.RunspaceStateInfo.State is RunspaceState.Closing or RunspaceState.Closed or RunspaceState.Broken)
            {
                CloseAll();
            }
        };
    }

    /// <summary>The state of the runspace running on this thread (cmdlets, completers and event actions all run there).</summary>
    public static RunspaceSessions Current
    {
        get
        {
            var runspace = Runspace.DefaultRunspace;
            return ByRunspace.GetValue(runspace, r => new RunspaceSessions(r));
        }
    }

    public ZkSession? Default { get; private set; }

    public IReadOnlyList<ZkSession> Open
    {
        get { lock (_open) return _open.ToArray(); }
    }

    public void Add(ZkSession session)
    {
        lock (_open)
        {
            _open.Add(session);
            Default = session;
        }
    }

    public void Remove(ZkSession session)
    {
        lock (_open)
        {
            _open.Remove(session);
            if (ReferenceEquals(Default, session))
            {
                // No silent fallback to another open session: it might be another cluster.
                Default = null;
            }
        }
    }

    private void CloseAll()
    {
        foreach (var session in Open)
        {
            Remove(session);
            session.Client.Dispose();
        }
    }
}
