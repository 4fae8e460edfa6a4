using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Tests.Client;

internal static class StateWaits
{
    /// <summary>
    /// A task that completes when the client next reports <paramref name="state"/>. Take it before the action that
    /// causes the change, so the change cannot slip by unseen.
    /// </summary>
    public static Task WhenState(this ZooKeeperClient client, ConnectionState state)
    {
        var reached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, e) =>
        {
            if (e.NewState == state) reached.TrySetResult(true);
        };
        return reached.Task;
    }
}
