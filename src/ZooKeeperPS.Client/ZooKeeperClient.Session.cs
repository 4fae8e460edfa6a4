using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client;

// What the session can tell about the server it is connected to.
public sealed partial class ZooKeeperClient
{
    /// <summary>
    /// The connected server's mode from its srvr answer (standalone, leader, follower, observer, read-only), or null
    /// when it cannot be learnt (see <see cref="GetServerVersionAsync"/>). Learnt once per connection, with the version.
    /// </summary>
    public async Task<string?> GetServerModeAsync(CancellationToken cancellationToken = default)
    {
        _session.ThrowIfFinal();
        return await _session.Features.GetModeAsync(cancellationToken).ConfigureAwait(false);
    }
}
