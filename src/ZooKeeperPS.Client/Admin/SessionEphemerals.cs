using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ZooKeeperPS.Client;

/// <summary>
/// One session and the ephemeral nodes it owns, as a server's dump four-letter word ("Sessions with Ephemerals") or
/// its AdminServer's dump command lists them: every member holds the whole tree, so any member can say who owns which
/// ephemeral.
/// </summary>
public sealed class SessionEphemerals
{
    private SessionEphemerals(HostEndpoint server, long sessionId, IReadOnlyList<string> paths)
    {
        Server = server;
        SessionId = sessionId;
        Paths = paths;
    }

    public HostEndpoint Server { get; }

    public long SessionId { get; }

    /// <summary>The full paths (no chroot is stripped) of the session's ephemeral nodes.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>
    /// The sessions in the answer to the AdminServer's dump command: its "session_id_to_ephemeral_paths" object, whose
    /// keys are the session ids.
    /// </summary>
    public static IReadOnlyList<SessionEphemerals> FromDumpCommand(HostEndpoint server, IReadOnlyDictionary<string, object?> answer)
    {
        if (server is null) throw new ArgumentNullException(nameof(server));
        if (answer is null) throw new ArgumentNullException(nameof(answer));
        var sessions = new List<SessionEphemerals>();
        if (answer.TryGetValue("session_id_to_ephemeral_paths", out var owners) && owners is IReadOnlyDictionary<string, object?> bySession)
        {
            foreach (var owner in bySession)
            {
                // 3.8 writes the ids in decimal; take 0x... too, as the dump four-letter word writes them.
                var id = owner.Key.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? ServerStatus.ParseZxid(owner.Key)
                    : long.TryParse(owner.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var decimalId) ? decimalId : (long?)null;
                if (id is null) continue;
                var paths = owner.Value is List<object?> list ? list.OfType<string>().ToArray() : Array.Empty<string>();
                sessions.Add(new SessionEphemerals(server, id.Value, paths));
            }
        }
        return sessions;
    }

    /// <summary>
    /// The sessions in the "Sessions with Ephemerals" part of a dump answer: a line "0x1000...:" per session, then its
    /// paths, each on a line that starts with a tab.
    /// </summary>
    public static IReadOnlyList<SessionEphemerals> ParseDump(HostEndpoint server, string answer)
    {
        if (server is null) throw new ArgumentNullException(nameof(server));
        if (answer is null) throw new ArgumentNullException(nameof(answer));
        var sessions = new List<SessionEphemerals>();
        var inEphemerals = false;
        long? session = null;
        var paths = new List<string>();
        foreach (var raw in answer.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("Sessions with Ephemerals", StringComparison.Ordinal))
            {
                inEphemerals = true;
                continue;
            }
            if (!inEphemerals) continue;
            if (line.StartsWith("\t", StringComparison.Ordinal) && session is not null)
            {
                paths.Add(line.Trim());
                continue;
            }
            Flush();
            var id = line.Trim().TrimEnd(':');
            if (id.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && line.TrimEnd().EndsWith(":", StringComparison.Ordinal))
            {
                session = ServerStatus.ParseZxid(id);
                continue;
            }
            // The next part of the dump (Connections dump, ...) ends the list.
            if (line.Trim().Length > 0) inEphemerals = false;
        }
        Flush();
        return sessions;

        void Flush()
        {
            if (session is { } id) sessions.Add(new SessionEphemerals(server, id, paths.ToArray()));
            session = null;
            paths.Clear();
        }
    }
}
