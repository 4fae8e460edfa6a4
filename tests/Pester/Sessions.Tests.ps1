# Connect-ZooKeeper, Disconnect-ZooKeeper and Get-ZkSession: the default session per runspace, chroot, digest
# credentials, timeouts, clear failures, -Verbose, and ephemeral nodes that go away with their session.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $modulePath = Join-Path (Import-TestModule).ModuleBase 'ZooKeeperPS.psd1'
    $zk = Start-TestZooKeeper

    function Get-UnusedPort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
    Stop-TestZooKeeper $zk
}

Describe 'Connect-ZooKeeper' {
    AfterEach {
        Get-ZkSession | Disconnect-ZooKeeper
    }

    It 'returns a connected session that becomes the default' {
        $session = Connect-ZooKeeper $zk.ConnectionString

        $session | Should -BeOfType ([ZooKeeperPS.ZkSession])
        $session.State | Should -Be 'Connected'
        $session.Id | Should -Match '^0x[0-9a-f]+$'
        $session.Id | Should -Be ('0x{0:x}' -f $session.SessionId)
        $session.Server | Should -Be $zk.ConnectionString
        $session.ConnectionString | Should -Be $zk.ConnectionString
        $session.Chroot | Should -BeNullOrEmpty
        [object]::ReferenceEquals((Get-ZkSession -Default), $session) | Should -BeTrue
    }

    It 'negotiates the -SessionTimeout with the server' {
        $session = Connect-ZooKeeper $zk.ConnectionString -SessionTimeout 00:00:04 -ConnectTimeout 00:00:05

        $session.Timeout | Should -Be ([timespan]::FromSeconds(4))
    }

    It 'takes a plain number of seconds for -SessionTimeout and -ConnectTimeout' {
        $session = Connect-ZooKeeper $zk.ConnectionString -SessionTimeout 6 -ConnectTimeout 5

        $session.Timeout | Should -Be ([timespan]::FromSeconds(6))
    }

    It 'works under a chroot given in the connection string' {
        $root = Get-TestUniqueRoot
        $plain = Connect-ZooKeeper $zk.ConnectionString
        $null = New-ZkNode "$root/inside" -Value 'in' -MakePath

        $rooted = Connect-ZooKeeper "$($zk.ConnectionString)$root"

        $rooted.Chroot | Should -Be $root
        (Get-ZkNode /inside).Value | Should -Be 'in'
        (Get-ZkNode /inside).Path | Should -Be '/inside'
        Remove-ZkNode $root -Recurse -Session $plain
    }

    It 'fails with a terminating ConnectionError within the connect timeout when no server answers' {
        $port = Get-UnusedPort
        $elapsed = Measure-Command {
            { Connect-ZooKeeper "127.0.0.1:$port" -ConnectTimeout 00:00:01 } |
                Should -Throw -ErrorId 'ZooKeeper.ConnectionLoss,ZooKeeperPS.Commands.ConnectZooKeeperCommand' -ExpectedMessage "*127.0.0.1:$port*"
        }

        $elapsed.TotalSeconds | Should -BeLessThan 5
        Get-ZkSession | Should -BeNullOrEmpty
    }

    It 'rejects a malformed connection string as InvalidArgument' {
        { Connect-ZooKeeper 'no-port-here:' -ConnectTimeout 00:00:01 } | Should -Throw -ErrorId 'ZooKeeper.InvalidArgument,ZooKeeperPS.Commands.ConnectZooKeeperCommand'
    }

    It 'authenticates with -Credential (digest): only that user may read a node restricted to it' {
        $root = Get-TestUniqueRoot
        $password = ConvertTo-SecureString 'secret' -AsPlainText -Force
        $credential = [pscredential]::new('alice', $password)
        $alice = Connect-ZooKeeper $zk.ConnectionString -Credential $credential
        # The ACL through the client library directly: the cmdlets do not set ACLs yet.
        $acl = [System.Collections.Generic.List[ZooKeeperPS.Client.Acl]]::new()
        $acl.Add([ZooKeeperPS.Client.Acl]::new([ZooKeeperPS.Client.Perms]::All, [ZooKeeperPS.Client.Id]::Digest('alice', $password)))
        $options = [ZooKeeperPS.Client.ZooKeeperClientOptions]@{ ConnectionString = $zk.ConnectionString }
        $options.Auth.Add([ZooKeeperPS.Client.AuthInfo]::Digest('alice', $password))
        $client = [ZooKeeperPS.Client.ZooKeeperClient]::ConnectAsync($options).GetAwaiter().GetResult()
        try {
            $null = $client.CreateAsync($root, [System.Text.Encoding]::UTF8.GetBytes('private'), 'Persistent', $acl).GetAwaiter().GetResult()
        }
        finally {
            $client.Dispose()
        }
        $anonymous = Connect-ZooKeeper $zk.ConnectionString

        (Get-ZkNode $root -Session $alice).Value | Should -Be 'private'
        Get-ZkNode $root -Session $anonymous -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoAuth,ZooKeeperPS.Commands.GetZkNodeCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        Remove-ZkNode $root -Session $alice
    }

    It 'accepts -AllowReadOnly and connects normally to a read-write server' {
        $session = Connect-ZooKeeper $zk.ConnectionString -AllowReadOnly

        $session.State | Should -Be 'Connected'
    }

    It 'rejects a non-positive timeout' {
        { Connect-ZooKeeper $zk.ConnectionString -SessionTimeout 0 } | Should -Throw -ErrorId 'ZooKeeper.InvalidTimeout,ZooKeeperPS.Commands.ConnectZooKeeperCommand'
    }

    It 'tells with -Verbose which server it connected to and the session id' {
        $session = Connect-ZooKeeper $zk.ConnectionString -Verbose 4>&1 | Tee-Object -Variable stream |
            Where-Object { $_ -is [ZooKeeperPS.ZkSession] }
        $messages = $stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message

        ($messages -join "`n") | Should -Match ([regex]::Escape($zk.ConnectionString))
        ($messages -join "`n") | Should -Match ([regex]::Escape($session.Id))
    }

    It 'never prompts: not for a user name without a password, an empty password, or under $ConfirmPreference Low' {
        # Each of these is where cmdlets commonly prompt: a [Credential()] parameter given a bare user name asks for
        # the password, and $ConfirmPreference = 'Low' makes every ShouldProcess call ask. The host records any
        # attempt (and refuses it).
        $recorder = New-RecordingHost
        $run = Start-InRunspace -TestHost $recorder {
            param($ConnectionString)
            $ConfirmPreference = 'Low'
            try { Connect-ZooKeeper $ConnectionString -Credential alice } catch { "bare user name: $($_.FullyQualifiedErrorId)" }
            $empty = [pscredential]::new('alice', [securestring]::new())
            "empty password: $((Connect-ZooKeeper $ConnectionString -Credential $empty).State)"
            "plain: $((Connect-ZooKeeper $ConnectionString).State)"
            Get-ZkSession | Disconnect-ZooKeeper
        } @{ ConnectionString = $zk.ConnectionString }
        $result = Complete-InRunspace $run -Seconds 30

        $recorder.Prompts | Should -BeNullOrEmpty
        $result.Errors | Should -BeNullOrEmpty
        $result.Output.Count | Should -Be 3
        $result.Output[0] | Should -BeLike 'bare user name: *'   # an error, not a session and not a prompt
        $result.Output[1] | Should -Be 'empty password: Connected'
        $result.Output[2] | Should -Be 'plain: Connected'
    }
}

Describe 'Get-ZkSession' {
    AfterEach {
        Get-ZkSession | Disconnect-ZooKeeper
    }

    It 'lists the open sessions of this runspace, and -Default the default one' {
        $first = Connect-ZooKeeper $zk.ConnectionString
        $second = Connect-ZooKeeper $zk.ConnectionString

        (Get-ZkSession).Id | Should -Be $first.Id, $second.Id
        (Get-ZkSession -Default).Id | Should -Be $second.Id
    }

    It 'pipes sessions into node cmdlets, which then run once per session' {
        $root = Get-TestUniqueRoot
        $first = Connect-ZooKeeper $zk.ConnectionString
        $second = Connect-ZooKeeper $zk.ConnectionString
        $null = New-ZkNode $root -Value 'shared'

        $nodes = Get-ZkSession | Get-ZkNode $root

        $nodes.Value | Should -Be 'shared', 'shared'
        $nodes.Session.Id | Should -Be $first.Id, $second.Id
        { Get-ZkSession | Get-ZkChildItem -ErrorAction Stop } | Should -Throw -ExpectedMessage '*session is not a znode path*'
        Remove-ZkNode $root
    }

    It 'keeps the default session per runspace' {
        $null = Connect-ZooKeeper $zk.ConnectionString
        $other = [powershell]::Create()
        try {
            $null = $other.AddScript("Import-Module '$modulePath'; @(Get-ZkSession).Count; try { Get-ZkNode / -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }")
            $result = $other.Invoke()
        }
        finally {
            $other.Dispose()
        }

        $result[0] | Should -Be 0
        $result[1] | Should -Be 'ZooKeeper.NoSession,ZooKeeperPS.Commands.GetZkNodeCommand'
        $result[2] | Should -Match 'Connect-ZooKeeper'
    }
}

Describe 'Disconnect-ZooKeeper' {
    It 'closes the default session; its ephemeral nodes are gone' {
        $root = Get-TestUniqueRoot
        $observer = Connect-ZooKeeper $zk.ConnectionString
        $null = New-ZkNode $root
        $owner = Connect-ZooKeeper $zk.ConnectionString
        $null = New-ZkNode "$root/eph" -Ephemeral

        Disconnect-ZooKeeper

        $owner.State | Should -Be 'Closed'
        Get-ZkSession -Default | Should -BeNullOrEmpty
        Get-ZkNode "$root/eph" -Session $observer -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Remove-ZkNode $root -Session $observer
        Disconnect-ZooKeeper $observer
    }

    It 'closes sessions from the pipeline' {
        $null = Connect-ZooKeeper $zk.ConnectionString
        $null = Connect-ZooKeeper $zk.ConnectionString

        Get-ZkSession | Disconnect-ZooKeeper

        Get-ZkSession | Should -BeNullOrEmpty
    }

    It 'leaves no usable default: cmdlets then say to run Connect-ZooKeeper' {
        $session = Connect-ZooKeeper $zk.ConnectionString
        Disconnect-ZooKeeper $session

        { Get-ZkNode / } | Should -Throw -ErrorId 'ZooKeeper.NoSession,ZooKeeperPS.Commands.GetZkNodeCommand' -ExpectedMessage '*Connect-ZooKeeper*'
        { Get-ZkNode / -Session $session } | Should -Throw -ErrorId 'ZooKeeper.SessionClosed,ZooKeeperPS.Commands.GetZkNodeCommand'
    }

    It 'fails clearly when there is nothing to disconnect' {
        { Disconnect-ZooKeeper } | Should -Throw -ErrorId 'ZooKeeper.NoSession,ZooKeeperPS.Commands.DisconnectZooKeeperCommand'
    }
}

Describe 'A lost connection' {
    BeforeAll {
        $dedicated = Start-TestZooKeeper -Dedicated
    }

    AfterAll {
        Get-ZkSession | Disconnect-ZooKeeper
        Stop-TestZooKeeper $dedicated
    }

    It 'fails requests with a non-terminating ConnectionError, tells -Verbose, and the session carries on after the server is back' {
        $session = Connect-ZooKeeper $dedicated.ConnectionString -SessionTimeout 00:00:10
        $null = New-ZkNode /kept -Value 'still here'
        $dedicated.Stop()
        try {
            $stream = Get-ZkNode /kept, /kept -ErrorAction SilentlyContinue -ErrorVariable failures -Verbose 4>&1
        }
        finally {
            $dedicated.Start()
        }

        $failures.Count | Should -Be 2
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.ConnectionLoss,ZooKeeperPS.Commands.GetZkNodeCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failures[0].TargetObject | Should -Be '/kept'
        ($stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'Connected -> Disconnected'
        (Get-ZkNode /kept).Value | Should -Be 'still here'
        $session.State | Should -Be 'Connected'
        (Get-ZkNode /kept).Session.Id | Should -Be $session.Id
    }
}

Describe 'An expired session' {
    BeforeAll {
        # A loopback TCP relay that can cut the client off while the server stays up, so that the server expires the
        # session; the client learns it when it gets through again.
        Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

public sealed class ZkTestRelay : IDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly List<TcpClient> _open = new List<TcpClient>();
    private volatile bool _blocked;

    public ZkTestRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Task.Run(AcceptLoop);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Block()
    {
        _blocked = true;
        lock (_open) { foreach (var c in _open) c.Close(); _open.Clear(); }
    }

    public void Unblock() => _blocked = false;

    private async Task AcceptLoop()
    {
        while (true)
        {
            TcpClient inbound;
            try { inbound = await _listener.AcceptTcpClientAsync(); } catch { return; }
            if (_blocked) { inbound.Close(); continue; }
            var outbound = new TcpClient();
            try { await outbound.ConnectAsync(IPAddress.Loopback, _targetPort); } catch { inbound.Close(); continue; }
            lock (_open) { _open.Add(inbound); _open.Add(outbound); }
            _ = Pump(inbound, outbound);
            _ = Pump(outbound, inbound);
        }
    }

    private static async Task Pump(TcpClient from, TcpClient to)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream()); } catch { }
        from.Close();
        to.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        Block();
    }
}
'@
        $relay = [ZkTestRelay]::new($zk.ClientPort)
    }

    AfterAll {
        $relay.Dispose()
    }

    It 'is a terminating ConnectionError that says to run Connect-ZooKeeper' {
        $session = Connect-ZooKeeper "127.0.0.1:$($relay.Port)" -SessionTimeout 00:00:02
        $relay.Block()
        Start-Sleep -Seconds 4   # twice the session timeout: the server has expired the session by now
        $relay.Unblock()
        Wait-Until { $session.State -eq 'Expired' } 15 'the client learns that its session expired'

        $failure = { Get-ZkNode / -Session $session -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'ZooKeeper.SessionExpired,ZooKeeperPS.Commands.GetZkNodeCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'ConnectionError'
        "$failure" | Should -Match 'Connect-ZooKeeper'
        Disconnect-ZooKeeper $session
    }
}

