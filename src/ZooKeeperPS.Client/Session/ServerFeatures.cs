using System;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Connection;

namespace ZooKeeperPS.Client.Session;

/// <summary>
/// Which operations the connected server knows, from its version. The session itself never tells the version
/// (protocolVersion is 0 in every ConnectResponse from 3.5 to 3.9, and an opcode the server does not know makes it
/// drop the connection), so it is asked with the srvr four-letter word: once per connection, on the first call that
/// needs it. A caller waits for that answer only as long as its own token allows. A failed probe is kept for a short
/// back-off (calls meanwhile fail at once, saying why), then asked again; a new connection starts afresh, since it may
/// be another server, or this one upgraded.
/// </summary>
internal sealed class ServerFeatures
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);
    private static readonly Regex VersionPattern = new(@"version:\s*(\d+)\.(\d+)\.(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex ModePattern = new(@"^Mode:\s*(\S+)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private readonly FourLetterWordClient _fourLetterWords;
    private readonly CancellationToken _sessionEnded;
    private readonly object _gate = new();
    private HostEndpoint? _server;
    private Task<ProbeResult>? _probe;

    public ServerFeatures(FourLetterWordClient fourLetterWords, CancellationToken sessionEnded)
    {
        _fourLetterWords = fourLetterWords;
        _sessionEnded = sessionEnded;
    }

    /// <summary>A new connection: what was learnt on the previous one no longer holds.</summary>
    public void OnConnected(HostEndpoint server)
    {
        lock (_gate)
        {
            _server = server;
            _probe = null;
        }
    }

    /// <summary>The version of the current (or, while disconnected, the last) server, or null with the reason it is unknown.</summary>
    public async Task<(Version? Version, string? Problem)> GetVersionAsync(CancellationToken cancellationToken)
    {
        var result = await CurrentProbe().WithCancellation(cancellationToken).ConfigureAwait(false);
        return (result.Version, result.Problem);
    }

    /// <summary>
    /// The mode of the current (or last) server from the same srvr answer: standalone, leader, follower, observer or
    /// read-only; null when it cannot be learnt.
    /// </summary>
    public async Task<string?> GetModeAsync(CancellationToken cancellationToken)
    {
        var result = await CurrentProbe().WithCancellation(cancellationToken).ConfigureAwait(false);
        return result.Mode;
    }

    /// <summary>Completes when the server is known to support <paramref name="feature"/>; otherwise fails with <see cref="ServerFeatureException"/>.</summary>
    public async Task RequireAsync(string feature, Version needed, CancellationToken cancellationToken)
    {
        var (version, problem) = await GetVersionAsync(cancellationToken).ConfigureAwait(false);
        if (version is null)
            throw new ServerFeatureException(feature, needed, null,
                $"{feature} needs ZooKeeper {needed} or later, and the client could not learn the server's version: {problem}. " +
                "It is not sent blind, because a server that does not know it drops the connection.");
        if (version < needed)
            throw new ServerFeatureException(feature, needed, version, $"{feature} needs ZooKeeper {needed} or later; the server is {version}.");
    }

    /// <summary>The version in a srvr answer ("Zookeeper version: 3.8.0-..., built on ..."), or null.</summary>
    private static Version? ParseVersion(string srvrAnswer)
    {
        var match = VersionPattern.Match(srvrAnswer);
        if (!match.Success) return null;
        return new Version(
            int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    private Task<ProbeResult> CurrentProbe()
    {
        lock (_gate)
        {
            if (_server is null) return Task.FromResult(new ProbeResult(null, "no server has been connected yet", 0));
            if (_probe is null || IsStaleFailure(_probe)) _probe = ProbeAsync(_server);
            return _probe;
        }
    }

    private static bool IsStaleFailure(Task<ProbeResult> probe)
    {
        if (!probe.IsCompleted) return false;
        var result = probe.Result; // completed: no wait
        return result.Version is null && MonotonicClock.NowMilliseconds - result.FinishedAt >= RetryAfterFailure.TotalMilliseconds;
    }

    /// <summary>Never faults: a failure is a result with the reason, kept for the back-off.</summary>
    private async Task<ProbeResult> ProbeAsync(HostEndpoint server)
    {
        string? problem;
        try
        {
            var answer = await _fourLetterWords.SendAsync(server, "srvr", ProbeTimeout, _sessionEnded).ConfigureAwait(false);
            var version = ParseVersion(answer);
            if (version is not null)
            {
                var mode = ModePattern.Match(answer);
                return new ProbeResult(version, null, MonotonicClock.NowMilliseconds, mode.Success ? mode.Groups[1].Value : null);
            }
            problem = answer.IndexOf("whitelist", StringComparison.OrdinalIgnoreCase) >= 0
                ? $"{server} does not answer srvr (add srvr to its 4lw.commands.whitelist)"
                : $"{server} answered srvr without a version ('{Shorten(answer)}')";
        }
        catch (TimeoutException)
        {
            problem = $"{server} did not answer srvr within {ProbeTimeout.TotalSeconds:0} s";
        }
        catch (Exception e)
        {
            problem = $"srvr to {server} failed ({e.Message})";
        }

        return new ProbeResult(null, problem, MonotonicClock.NowMilliseconds);
    }

    private static string Shorten(string text)
    {
        text = text.Trim();
        return text.Length <= 80 ? text : text.Substring(0, 80) + "...";
    }

    private sealed class ProbeResult
    {
        public ProbeResult(Version? version, string? problem, long finishedAt, string? mode = null)
        {
            Mode = mode;
            Version = version;
            Problem = problem;
            FinishedAt = finishedAt;
        }

        public Version? Version { get; }

        public string? Problem { get; }

        /// <summary>The srvr answer's Mode line.</summary>
        public string? Mode { get; }

        /// <summary>MonotonicClock milliseconds.</summary>
        public long FinishedAt { get; }
    }
}
