using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Base of the server cmdlets that can ask either way, a four-letter word on the client port or the AdminServer
/// (Get-ZkServer, Test-ZkServer, Get-ZkConnection, Get-ZkServerSession): -Source says which, -AdminPort where.
/// </summary>
public abstract class ZkServerSourceCmdlet : ZkServerCmdlet
{
    /// <summary>Auto: the four-letter words, the AdminServer when the whitelist refuses them; or only one of the two.</summary>
    [Parameter]
    public ServerStatusSource Source { get; set; } = ServerStatusSource.Auto;

    /// <summary>The members' AdminServer port (admin.serverPort).</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int AdminPort { get; set; } = AdminServerClient.DefaultPort;

    /// <summary>Asks every member at once, where -Source says; each answer in member order, or why there is none.</summary>
    private protected List<(T? Answer, Exception? Failure)> AskEach<T>(IReadOnlyList<ServerMember> members, IConnectionTransport transport,
        string word, string command, Func<HostEndpoint, string, T> fromWord, Func<HostEndpoint, IReadOnlyDictionary<string, object?>, T> fromCommand)
        where T : class
    {
        var question = new WordOrAdminCommand<T>(word, command, fromWord, fromCommand, transport) { Source = Source, AdminPort = AdminPort };
        var asks = members.Select(member => ClientCall.Start(() => question.AskAsync(member.Address, Timeout, StopToken))).ToList();
        var where = Source == ServerStatusSource.FourLetterWords ? "" : $", or the AdminServer's {command} on port {AdminPort}";
        WriteVerbose($"Asking {string.Join(", ", members.Select(m => m.Address))} for {word} ({Source}{where}).");
        WaitFor(Task.WhenAll(asks));
        return asks.Select(ask => ask.Status == TaskStatus.RanToCompletion ? (ask.Result, (Exception?)null) : (null, ClientCall.FailureOf(ask))).ToList();
    }
}
