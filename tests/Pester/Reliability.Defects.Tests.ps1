# Issue 11's defects that show in the cmdlets, against real servers: a create acknowledged that this client never did
# (1), a pipeline of creates that takes N session timeouts (3), a corrupted child name ending a listing with a raw
# exception (5), a session that can never reconnect listed as alive (7), an unquoted server list (8).
# Each test failed before its defect was fixed; they all run now.
# The frame-aware proxy is the xunit project's MutatingProxy, compiled here with Add-Type; kazoo is the second client.
# Work that could hang runs in a second runspace with a deadline.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $modulePath = Join-Path (Import-TestModule).ModuleBase 'ZooKeeperPS.psd1'
    if (-not ('ZooKeeperPS.Tests.Reliability.MutatingProxy' -as [type])) {
        Add-Type -Path ('ProxiedFrames.cs', 'ProxiedConnection.cs', 'MutatingProxy.cs' |
            ForEach-Object { Join-Path $PSScriptRoot "../ZooKeeperPS.Tests/Reliability/$_" })
    }
    $zk = Start-TestZooKeeper
    $root = Get-TestUniqueRoot
    # Every command names its session: each test's Connect-ZooKeeper makes its own session the default.
    $direct = Connect-ZooKeeper $zk.ConnectionString
    $null = New-ZkNode $root -Session $direct

    function New-Proxy { [ZooKeeperPS.Tests.Reliability.MutatingProxy]::new($zk.ClientPort) }

    function Invoke-Kazoo([string] $Code, [string[]] $Arguments) {
        # kazoo against the same server (not through the proxy); the script gets the connection string as sys.argv[1].
        $script = "import sys`nfrom kazoo.client import KazooClient`nzk = KazooClient(hosts=sys.argv[1])`nzk.start(timeout=15)`n" + $Code + "`nzk.stop()"
        $output = & /usr/bin/python3 -c $script $zk.ConnectionString @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "kazoo failed: $output" }
        $output
    }

    function Close-ThroughProxy($Proxy, $Session) {
        # A fresh connection lets the session close at once, whatever state the proxy left the old one in.
        $Proxy.CutAll()
        if ($Session) { Disconnect-ZooKeeper -Session $Session }
        $Proxy.Dispose()
    }

    function Start-InRunspace([scriptblock] $Script, [hashtable] $Parameters) {
        $state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $state.ImportPSModule($modulePath)
        $shell = [powershell]::Create($state)
        $null = $shell.AddScript($Script.ToString()).AddParameters($Parameters)
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $running = $shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
        [pscustomobject]@{ Shell = $shell; Running = $running; Output = $output }
    }

    function Complete-InRunspace($Started, [int] $Seconds) {
        # Waits until the deadline; returns the output, every error record (a terminating one last) and the time taken.
        try {
            if (-not $Started.Running.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($Seconds))) {
                $null = $Started.Shell.BeginStop($null, $null)
                throw "The command did not finish within its deadline of $Seconds s (it was stopped then)."
            }
            $errors = [System.Collections.Generic.List[object]]::new()
            try { $Started.Shell.EndInvoke($Started.Running) }
            catch { $errors.Add($_.Exception.InnerException.ErrorRecord ?? $_) }
            $errors.InsertRange(0, @($Started.Shell.Streams.Error))
            [pscustomobject]@{ Output = @($Started.Output); Errors = @($errors) }
        }
        finally {
            $Started.Shell.Dispose()
        }
    }

    function Wait-Until([scriptblock] $Condition, [double] $Seconds) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { return $false }
            Start-Sleep -Milliseconds 50
        }
        $true
    }
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
}

Describe 'Defect 1: a create that met NodeExists after a lost connection' {
    It 'is not acknowledged when another client (kazoo) created the node with the same data meanwhile' {
        $proxy = New-Proxy
        $session = $null
        try {
            $session = Connect-ZooKeeper $proxy.ConnectionString -SessionTimeout 00:00:10
            $claim = "$root/claim"
            $createLeft = $proxy.DropNextRequest(15) # create2: it leaves this client, the server never hears of it
            $running = Start-InRunspace { param($Session, $Path) New-ZkNode $Path -Session $Session } @{ Session = $session; Path = $claim }
            $createLeft.Wait(10000) | Should -BeTrue -Because 'the create was sent'
            $null = Invoke-Kazoo 'zk.create(sys.argv[2])' $claim # the same empty data New-ZkNode sends without -Value
            $proxy.CutAll() # the lost create's outcome is unknown to New-ZkNode: it resends and meets NodeExists

            $run = Complete-InRunspace $running -Seconds 30

            $run.Output | Should -BeNullOrEmpty -Because 'kazoo created the node, so this New-ZkNode must not say that it did'
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].TargetObject | Should -Be $claim
        }
        finally {
            Close-ThroughProxy $proxy $session
        }
    }
}

Describe 'Defect 2: Get-ZkNode over a reply that cannot be right' {
    It 'fails with a ConnectionError within the session timeout (4 s) + 1 s when the reply <Case>' -ForEach @(
        @{ Case = 'claims 1 MiB more than follows (pings keep arriving)'; Rewrite = { [ZooKeeperPS.Tests.Reliability.Frames]::LengthChangedBy(1024 * 1024) } }
        @{ Case = 'has its xid rewritten to -2 (a ping reply nobody asked for)'; Rewrite = { [ZooKeeperPS.Tests.Reliability.Frames]::XidSetTo(-2) } }
    ) {
        $proxy = New-Proxy
        $session = $null
        try {
            $session = Connect-ZooKeeper $proxy.ConnectionString -SessionTimeout 00:00:04
            $rewritten = $proxy.RewriteNextReply([ZooKeeperPS.Tests.Reliability.Frames]::ReplyTo(4), (& $Rewrite))
            $watch = [System.Diagnostics.Stopwatch]::StartNew()

            $run = Complete-InRunspace (Start-InRunspace { param($Session, $Path) Get-ZkNode $Path -Session $Session } @{ Session = $session; Path = $root }) -Seconds 15

            $elapsed = $watch.Elapsed.TotalSeconds
            $rewritten.Wait(1000) | Should -BeTrue -Because 'the proxy rewrote the reply'
            $run.Output | Should -BeNullOrEmpty
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $elapsed | Should -BeLessThan 5
        }
        finally {
            Close-ThroughProxy $proxy $session
        }
    }
}

Describe 'Defect 3: piped creates while the server is gone' {
    It 'fail all 10 paths within one session timeout (4 s) + 3 s: one deadline for the pipeline, not one per path' {
        $server = Start-TestZooKeeper -Dedicated
        try {
            $session = Connect-ZooKeeper $server.ConnectionString -SessionTimeout 00:00:04
            $server.Kill()
            $watch = [System.Diagnostics.Stopwatch]::StartNew()

            $run = Complete-InRunspace (Start-InRunspace { param($Session) 1..10 | ForEach-Object { "/piped-$_" } | New-ZkNode -Session $Session } @{ Session = $session }) -Seconds 90

            $elapsed = $watch.Elapsed.TotalSeconds
            Write-Host ("    10 piped creates with the server killed: {0:n1} s" -f $elapsed)
            $run.Output | Should -BeNullOrEmpty
            $run.Errors.CategoryInfo.Category | Sort-Object -Unique | Should -Be 'ConnectionError'
            # Each path gets its error, unless the session expires locally first (4/3 of its timeout without a
            # server): that is a terminating SessionExpired which ends the pipeline, as every session failure does.
            $ids = @($run.Errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
            ($ids.Count -eq 10 -or $ids[-1] -eq 'ZooKeeper.SessionExpired') | Should -BeTrue -Because "the errors were: $($ids -join ', ')"
            $elapsed | Should -BeLessThan 7 -Because 'the 4 s session timeout bounds the whole pipeline'
        }
        finally {
            Stop-TestZooKeeper $server
        }
    }
}

Describe 'Defect 5: a child name that arrives as invalid UTF-8' {
    It 'makes Get-ZkChildItem -Recurse report ConnectionError records, never a raw ArgumentException' {
        $tree = "$root/tree"
        $null = "$tree/alpha/one", "$tree/beta/two" | New-ZkNode -MakePath -Session $direct
        $proxy = New-Proxy
        $session = $null
        try {
            $session = Connect-ZooKeeper $proxy.ConnectionString -SessionTimeout 00:00:10
            $null = $proxy.RewriteNextReply([ZooKeeperPS.Tests.Reliability.Frames]::ReplyTo(12), [ZooKeeperPS.Tests.Reliability.Frames]::FirstChildNameNotUtf8())

            $run = Complete-InRunspace (Start-InRunspace { param($Session, $Path) Get-ZkChildItem $Path -Recurse -Session $Session } @{ Session = $session; Path = $tree }) -Seconds 30

            $run.Errors.Count | Should -BeGreaterThan 0 -Because 'the corrupted listing is reported'
            foreach ($record in $run.Errors) {
                "$($record.CategoryInfo.Category) $($record.Exception.GetType().FullName): $($record.Exception.Message)" |
                    Should -BeLike 'ConnectionError *' -Because 'a reply that cannot be right is a connection error, not an unmapped exception'
            }
        }
        finally {
            Close-ThroughProxy $proxy $session
        }
    }
}

Describe 'Defect 7: a session that can never reconnect' {
    It 'is listed by Get-ZkSession as Expired within 4/3 of its timeout (4 s) + 2 s' {
        $proxy = New-Proxy
        $session = $null
        try {
            $session = Connect-ZooKeeper $proxy.ConnectionString -SessionTimeout 00:00:04
            # Bit 40 of a reply's zxid (its epoch): every server then refuses the session's reconnects as ahead of it.
            $flipped = $proxy.RewriteNextReply([ZooKeeperPS.Tests.Reliability.Frames]::ReplyTo(4), [ZooKeeperPS.Tests.Reliability.Frames]::ZxidBitFlipped(40, $true))
            $null = Get-ZkNode / -Session $session -ErrorAction SilentlyContinue
            $flipped.Wait(10000) | Should -BeTrue -Because 'the reply was rewritten and the connection cut'

            $expired = Wait-Until { (Get-ZkSession | Where-Object Id -EQ $session.Id).State -eq 'Expired' } -Seconds (4 * 4 / 3 + 2)

            $listed = Get-ZkSession | Where-Object Id -EQ $session.Id
            $expired | Should -BeTrue -Because "Get-ZkSession lists the session as $($listed.State) although no server will ever take it again"
        }
        finally {
            Close-ThroughProxy $proxy $session
        }
    }
}

Describe 'Defect 8: Connect-ZooKeeper with an unquoted list of servers' {
    It 'accepts h1:port,h2:port unquoted (PowerShell passes an array) and joins it' {
        $servers = "127.0.0.1:$($zk.ClientPort),127.0.0.1:$($zk.ClientPort)"
        $connect = [scriptblock]::Create("Connect-ZooKeeper $servers -ConnectTimeout 00:00:10") # unquoted, as typed at a prompt

        $session = & $connect

        $session.State | Should -Be 'Connected'
        $session.ConnectionString | Should -Be $servers
    }
}
