# Ctrl+C and hostile peers: StopProcessing during a long recursive listing or delete returns within a second and
# leaves the session usable; a fake server that speaks garbage gives Connect-ZooKeeper a clear error in bounded time.
# The commands run in a second runspace ([powershell]::Create()), stopped from this one as Ctrl+C would.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper
    $session = Connect-ZooKeeper $zk.ConnectionString -SessionTimeout 00:00:10

    function Stop-Timed($Started) {
        # Stops the pipeline as Ctrl+C does and returns how long that took; a stop that hangs fails after 10 s.
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $stopping = $Started.Shell.BeginStop($null, $null)
        if (-not $stopping.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(10))) { throw 'The pipeline did not stop within 10 s.' }
        $watch.Elapsed
    }

    function Suspend-Server { & kill -STOP $zk.ProcessId }
    function Resume-Server { & kill -CONT $zk.ProcessId }

    function New-Tree([string] $Root, [int] $Parents, [int] $Children) {
        $null = 1..$Parents | ForEach-Object { "$Root/p$_" } | New-ZkNode -MakePath -Session $session
        $null = 1..$Parents | ForEach-Object { $p = $_; 1..$Children | ForEach-Object { "$Root/p$p/c$_" } } | New-ZkNode -Value 'x' -Session $session
        1 + $Parents + $Parents * $Children
    }
}

AfterAll {
    Resume-Server
    Get-ZkSession | Disconnect-ZooKeeper
    Stop-TestZooKeeper $zk
}

Describe 'Ctrl+C' {
    BeforeAll {
        $root = Get-TestUniqueRoot
        $total = New-Tree $root 20 100
    }

    It 'stops Get-ZkChildItem -Recurse while its output streams, within 1 s; the session then lists the whole tree' {
        $listing = Start-InRunspace { param($Session, $Root) Get-ZkChildItem $Root -Recurse -Session $Session | ForEach-Object { Start-Sleep -Milliseconds 5; $_ } } @{ Session = $session; Root = $root }
        Wait-Until { $listing.Output.Count -ge 100 } 20 'the listing has streamed 100 nodes'

        $took = Stop-Timed $listing

        Write-Host ("    Get-ZkChildItem -Recurse (streaming) stopped in {0:n0} ms after {1} nodes" -f $took.TotalMilliseconds, $listing.Output.Count)
        $took.TotalSeconds | Should -BeLessThan 1
        $listing.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $listing.Output.Count | Should -BeLessThan ($total - 1) -Because 'the stop came in the middle of the listing'
        $listing.Shell.Dispose()
        @(Get-ZkChildItem $root -Recurse -Session $session).Count | Should -Be ($total - 1)
    }

    It 'stops <Command> while it waits for a server that does not answer, within 1 s; the session then carries on' -ForEach @(
        @{ Command = 'Get-ZkChildItem -Recurse'; Script = { param($Session, $Root) 'started'; Get-ZkChildItem $Root -Recurse -Session $Session } }
        @{ Command = 'Remove-ZkNode -Recurse'; Script = { param($Session, $Root) 'started'; Remove-ZkNode $Root -Recurse -Session $Session } }
    ) {
        $tree = Get-TestUniqueRoot
        $count = New-Tree $tree 20 100
        # The server is frozen (SIGSTOP) before the command starts, so the command is surely waiting on it when stopped.
        Suspend-Server
        try {
            $running = Start-InRunspace $Script @{ Session = $session; Root = $tree }
            Wait-Until { $running.Output.Count -ge 1 } 20 'the command has started'
            Start-Sleep -Milliseconds 300
            $took = Stop-Timed $running
        }
        finally {
            Resume-Server
        }

        Write-Host ("    {0} stopped in {1:n0} ms" -f $Command, $took.TotalMilliseconds)
        $took.TotalSeconds | Should -BeLessThan 1
        $running.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $running.Shell.Dispose()
        # The requests the command had sent are answered after the stop; the session takes them and goes on.
        @(Get-ZkChildItem $tree -Recurse -Session $session).Count | Should -Be ($count - 1)
        Remove-ZkNode $tree -Recurse -Session $session -ErrorAction Stop
        Get-ZkNode $tree -Session $session -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $session.State | Should -Be 'Connected'
    }
}

Describe 'A fake server that speaks garbage' {
    BeforeAll {
        # A TCP peer on loopback that answers every connection with the given bytes and then keeps it open.
        $peerScript = {
            param($Listener, [byte[]] $Reply)
            $connections = [System.Collections.Generic.List[System.Net.Sockets.TcpClient]]::new()
            try {
                while ($true) {
                    $client = $Listener.AcceptTcpClient()
                    $connections.Add($client)
                    if ($Reply.Length -gt 0) { $client.GetStream().Write($Reply, 0, $Reply.Length) }
                }
            }
            catch { }
            finally { foreach ($c in $connections) { $c.Dispose() } }
        }
        function Start-FakePeer([byte[]] $Reply) {
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start()
            $shell = [powershell]::Create()
            $null = $shell.AddScript($peerScript.ToString()).AddParameters(@{ Listener = $listener; Reply = $Reply })
            $running = $shell.BeginInvoke()
            [pscustomobject]@{ Listener = $listener; Shell = $shell; Running = $running; Address = "127.0.0.1:$($listener.LocalEndpoint.Port)" }
        }
        function Stop-FakePeer($Peer) {
            $Peer.Listener.Stop()
            $null = $Peer.Running.AsyncWaitHandle.WaitOne(5000)
            $Peer.Shell.Dispose()
        }
        function Get-Frame([int] $Length, [byte[]] $Body) {
            # A length prefix (big-endian, as ZooKeeper frames have) followed by the body.
            [byte[]] $prefix = [BitConverter]::GetBytes([System.Net.IPAddress]::HostToNetworkOrder($Length))
            [byte[]] ($prefix + $Body)
        }
        $random = [byte[]]::new(4096)
        [System.Random]::new(5).NextBytes($random)
    }

    It 'Connect-ZooKeeper to a peer that sends <Case> fails with a terminating ConnectionError within its connect timeout' -ForEach @(
        @{ Case = 'random bytes'; Reply = { $random } }
        @{ Case = 'an HTTP error page'; Reply = { [Text.Encoding]::ASCII.GetBytes("HTTP/1.1 400 Bad Request`r`nContent-Length: 0`r`n`r`n") } }
        @{ Case = 'a 2 GiB frame length'; Reply = { Get-Frame ([int]::MaxValue) ([byte[]]::new(16)) } }
        @{ Case = 'a negative frame length'; Reply = { Get-Frame -1 ([byte[]]::new(16)) } }
        @{ Case = 'a frame too short for a connect response'; Reply = { Get-Frame 6 ([byte[]](1, 2, 3, 4, 5, 6)) } }
        @{ Case = 'a connect response of garbage'; Reply = { Get-Frame 36 ($random[0..35]) } }
        @{ Case = 'nothing at all'; Reply = { [byte[]]::new(0) } }
    ) {
        $peer = Start-FakePeer (& $Reply)
        $memoryBefore = [GC]::GetTotalMemory($true)
        try {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            { Connect-ZooKeeper $peer.Address -ConnectTimeout 1 -SessionTimeout 4 } |
                Should -Throw -ErrorId 'ZooKeeper.ConnectionLoss,ZooKeeperPS.Commands.ConnectZooKeeperCommand' -ExpectedMessage "*$($peer.Address)*"
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
        }
        finally {
            Stop-FakePeer $peer
        }
        # No 2 GiB buffer or anything like it was kept, and the real server still works from this process.
        ([GC]::GetTotalMemory($true) - $memoryBefore) | Should -BeLessThan 64MB
        (Get-ZkNode / -Session $session).Path | Should -Be '/'
    }
}
