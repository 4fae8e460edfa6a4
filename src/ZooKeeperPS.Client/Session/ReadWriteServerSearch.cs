using System;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Connection;

namespace ZooKeeperPS.Client.Session;

/// <summary>
/// While the session sits on a read-only server, asks the other servers (isro) whether they serve writes again,
/// backing off from half a second to a minute between rounds.
/// </summary>
internal sealed class ReadWriteServerSearch
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(1);

    private readonly HostList _hosts;
    private readonly FourLetterWordClient _fourLetterWords;

    public ReadWriteServerSearch(HostList hosts, FourLetterWordClient fourLetterWords)
    {
        _hosts = hosts;
        _fourLetterWords = fourLetterWords;
    }

    /// <summary>The first other server that answers "rw"; null when <paramref name="cancellationToken"/> ends the search first.</summary>
    public async Task<HostEndpoint?> FindAsync(HostEndpoint readOnlyServer, CancellationToken cancellationToken)
    {
        var delay = FirstDelay;
        try
        {
            while (true)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                foreach (var server in _hosts.All)
                {
                    if (server.Equals(readOnlyServer)) continue;
                    if (await AnswersReadWriteAsync(server, cancellationToken).ConfigureAwait(false)) return server;
                }

                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, LongestDelay.TotalMilliseconds));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<bool> AnswersReadWriteAsync(HostEndpoint server, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await _fourLetterWords.SendAsync(server, "isro", AnswerTimeout, cancellationToken).ConfigureAwait(false);
            return answer.StartsWith("rw", StringComparison.Ordinal);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // down, or isro not allowed: not a server to move to
        }
    }
}
