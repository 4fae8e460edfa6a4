# Slow: about 40 s (kills and restarts members of the shared 3-server ensemble, session expiry).
# Locks and protected creates under faults: while the session cannot reach a quorum the holder is not told that it
# holds the lock, and nobody else gets it while the session lives; an expired holder is told (IsLost, LockLost); a
# killed holder process passes the lock on once its session expires; protected sequential creates survive kill -9 of
# the connected server with every item acknowledged exactly once. kazoo (/usr/bin/python3) is the other contender.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $ensemble = Start-TestZooKeeperEnsemble
    $root = Get-TestUniqueRoot
    $null = Connect-ZooKeeper $ensemble.ConnectionString
    $null = New-ZkNode $root
    $kazooScript = Join-Path $PSScriptRoot 'Recipes.Kazoo.py'

    function Start-Kazoo([string[]] $Arguments, [string] $Hosts = $ensemble.ConnectionString, [int] $SessionTimeout = 10) {
        Start-KazooScript $kazooScript $Hosts $Arguments -SessionTimeout $SessionTimeout
    }

    # A contender in a runspace of its own, queued behind the holder (it returns once it is): "held=<IsHeld>", then
    # the time it got the lock.
    function Start-LockWaiter([string] $Path) {
        $waiting = Start-InRunspace {
            param($ConnectionString, $Path)
            $null = Connect-ZooKeeper $ConnectionString
            $lock = Lock-ZkPath $Path -Timeout 60
            "held=$($lock.IsHeld)"
            [DateTime]::UtcNow
            $lock.Dispose()
        } @{ ConnectionString = $ensemble.ConnectionString; Path = $Path }
        Wait-Until { @(Get-ZkLock $Path).Count -eq 2 } 30 'the cmdlet queues'
        $waiting
    }

    function Get-ServerOf($Session) { $ensemble.Servers | Where-Object ConnectionString -EQ $Session.Server }

    function Restore-Ensemble {
        foreach ($server in $ensemble.Servers | Where-Object { -not $_.IsRunning }) { $server.Start() }
        $null = $ensemble.Leader()
        Wait-Until { @($ensemble.Servers | Where-Object { $_.Mode() -notin 'leader', 'follower' }).Count -eq 0 } 60 'every member serves'
    }

    # Ends a session the way the server does: a second client resumes it by id and password and closes it.
    function Close-SessionFromOutside($Session) {
        $client = [ZooKeeperPS.ZkSession].GetProperty('Client', [Reflection.BindingFlags]'NonPublic,Instance').GetValue($Session)
        $twin = [ZooKeeperPS.Client.ZooKeeperClient]::ConnectAsync([ZooKeeperPS.Client.ZooKeeperClientOptions]@{
                ConnectionString = $ensemble.ConnectionString; SessionId = $client.SessionId; SessionPassword = $client.SessionPassword
            }).GetAwaiter().GetResult()
        $twin.CloseAsync().GetAwaiter().GetResult()
    }
}

AfterAll {
    Stop-KazooScript
    Restore-Ensemble
    Get-ZkSession | Disconnect-ZooKeeper
}

Describe 'A lock holder whose servers fail' {
    AfterEach {
        Restore-Ensemble
        # The tests end sessions; the next one needs a live default session.
        $null = Connect-ZooKeeper $ensemble.ConnectionString
    }

    It 'kill -9 of the holder''s server and one more: not held while no quorum answers, nobody else gets it, held again after the reconnect' {
        $path = "$root/quorum-lost"
        $session = Connect-ZooKeeper $ensemble.ConnectionString -SessionTimeout 00:00:30
        $lock = Lock-ZkPath $path -Session $session -Identifier 'pwsh-holder'
        $connected = Get-ServerOf $session
        $other = $ensemble.Servers | Where-Object { $_ -ne $connected } | Select-Object -First 1
        $survivor = $ensemble.Servers | Where-Object { $_ -ne $connected -and $_ -ne $other }

        $connected.Kill()
        $other.Kill()
        Wait-Until { $session.State -ne 'Connected' } 20 'the session loses its connection'
        $lock.IsHeld | Should -BeFalse -Because 'without a quorum the session may be expiring unseen'
        $lock.IsLost | Should -BeFalse -Because 'the session may still live'

        $other.Start()
        Wait-Until { $session.State -eq 'Connected' } 60 'the session reconnects to the restored quorum'
        Wait-Until { $lock.IsHeld } 20 'the lock is held again once its node is seen'
        $lock.IsLost | Should -BeFalse
        # kazoo on the servers that are up waits: the node of the living session still heads the queue.
        $hosts = ($survivor, $other).ConnectionString -join ','
        Wait-Kazoo (Start-Kazoo 'acquire', $path, '2', 'lock' -Hosts $hosts) | Should -Be 'timeout'
        (Get-ZkLock $path -Session $session | Where-Object IsHolder).Identifier | Should -Be 'pwsh-holder'
        Unlock-ZkPath $lock
        $session | Disconnect-ZooKeeper
    }

    It 'tells a block whose session expires: IsHeld and IsLost turn, ThrowIfLost stops it, LockLost follows; kazoo then gets the lock' {
        $path = "$root/expired"
        $session = Connect-ZooKeeper $ensemble.ConnectionString -SessionTimeout 00:00:10
        $run = Start-InRunspace {
            param($Session, $Path)
            try {
                Invoke-ZkLock $Path -Session $Session {
                    'entered'
                    $deadline = [DateTime]::UtcNow.AddSeconds(30)
                    while ([DateTime]::UtcNow -lt $deadline) {
                        $ZkLock.ThrowIfLost()
                        Start-Sleep -Milliseconds 20
                    }
                    'never lost'
                }
            }
            catch { "stopped: $($_.FullyQualifiedErrorId) held=$($ZkLock.IsHeld)" }
        } @{ Session = $session; Path = $path }
        Wait-Until { @(Get-ZkLock $path).Count -eq 1 } 30 'the block holds the lock'
        $kazoo = Start-Kazoo 'acquire', $path, '40', 'lock'
        Wait-Until { @(Get-ZkLock $path).Count -eq 2 } 30 'kazoo queues'

        Close-SessionFromOutside $session
        $result = Complete-InRunspace $run -Seconds 30
        # Invoke-ZkLock's output is written when the block ends; a terminating error inside ends it first.
        $result.Output | Should -Be "stopped: ZooKeeper.LockLost,ZooKeeperPS.Commands.InvokeZkLockCommand held=" -Because 'ThrowIfLost stopped the block and Invoke-ZkLock ended with LockLost'
        Wait-Kazoo $kazoo | Should -BeLike 'acquired kazoo-*'
    }
}

Describe 'A killed holder process' {
    It 'passes the lock on once the killed kazoo holder''s session expires, not before' {
        $path = "$root/killed-holder"
        $kazoo = Start-Kazoo 'hold', $path, "$path-never", 'lock' -SessionTimeout 4
        Wait-Until { @(Get-ZkLock $path | Where-Object { $_.IsHolder -and $_.Identifier -eq 'kazoo-holder' }).Count -eq 1 } 30 'kazoo holds the lock'
        $waiting = Start-LockWaiter $path
        Start-Sleep -Milliseconds 500
        $waiting.Output.Count | Should -Be 0 -Because 'the kazoo holder is alive'

        $killedAt = [DateTime]::UtcNow
        $kazoo.Process.Kill()
        $result = Complete-InRunspace $waiting -Seconds 60
        $result.Output[0] | Should -Be 'held=True'
        ($result.Output[1] - $killedAt).TotalSeconds | Should -BeGreaterThan 2 -Because 'the lock passed on at the expiry of the killed holder''s 4 s session, not at the kill'
    }

    It 'passes the lock on once the killed pwsh holder process''s session expires, not before' {
        $path = "$root/killed-pwsh-holder"
        # A separate pwsh process holds the lock, as a script on another host would; it is killed like a crashed one.
        $holderScript = @"
Import-Module '$((Get-Module ZooKeeperPS).Path -replace "'", "''")'
`$null = Connect-ZooKeeper '$($ensemble.ConnectionString)' -SessionTimeout 00:00:04
`$lock = Lock-ZkPath '$path' -Identifier pwsh-holder
Start-Sleep -Seconds 300
"@
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($holderScript))
        $holder = Start-Process -FilePath ([Environment]::ProcessPath) -PassThru -RedirectStandardOutput (Join-Path $TestDrive 'holder.out') `
            -RedirectStandardError (Join-Path $TestDrive 'holder.err') `
            -ArgumentList (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded
        try {
            Wait-Until { @(Get-ZkLock $path -ErrorAction Ignore | Where-Object { $_.IsHolder -and $_.Identifier -eq 'pwsh-holder' }).Count -eq 1 } 60 'the pwsh process holds the lock'
            $waiting = Start-LockWaiter $path
            Start-Sleep -Milliseconds 500
            $waiting.Output.Count | Should -Be 0 -Because 'the pwsh holder is alive'

            $killedAt = [DateTime]::UtcNow
            $holder.Kill()
            $result = Complete-InRunspace $waiting -Seconds 60
            $result.Output[0] | Should -Be 'held=True'
            ($result.Output[1] - $killedAt).TotalSeconds | Should -BeGreaterThan 2 -Because 'the lock passed on at the expiry of the killed holder''s 4 s session, not at the kill'
        }
        finally {
            if (-not $holder.HasExited) { $holder.Kill() }
        }
    }
}

Describe 'Protected sequential creates while the connected server dies' {
    AfterEach { Restore-Ensemble }

    It 'acknowledges every one of 2,000 protected creates exactly once across kill -9 of the connected server' {
        $parent = "$root/protected"
        $null = New-ZkNode $parent
        $session = Connect-ZooKeeper $ensemble.ConnectionString -SessionTimeout 00:00:20
        $run = Start-InRunspace {
            param($Session, $Parent)
            1..2000 | ForEach-Object { [pscustomobject]@{ Path = "$Parent/job-"; Value = "item-$_" } } |
                New-ZkNode -Session $Session -Sequential -Protected
        } @{ Session = $session; Parent = $parent }
        Wait-Until { $run.Output.Count -ge 300 } 60 '300 nodes created'
        (Get-ServerOf $session).Kill()
        $result = Complete-InRunspace $run -Seconds 90

        $result.Errors | Should -BeNullOrEmpty -Because 'a lost protected create is confirmed by its GUID, never "outcome unknown"'
        $result.Output.Count | Should -Be 2000
        $onServer = @(Get-ZkChildItem $parent -Session $session)
        $onServer.Count | Should -Be 2000 -Because 'no create happened twice'
        @($onServer | Group-Object Value | Where-Object Count -GT 1).Count | Should -Be 0
        @($result.Output.Path | Sort-Object -Unique).Count | Should -Be 2000
        $session | Disconnect-ZooKeeper
    }
}
