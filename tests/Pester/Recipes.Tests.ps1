# The recipes against kazoo on one shared standalone server: kazoo's Lock/ReadLock/WriteLock and the lock cmdlets
# exclude each other and queue in one order; mixed contenders keep a counter exact. kazoo runs as child processes
# (/usr/bin/python3 with Debian's python3-kazoo), the PowerShell contenders in runspaces with sessions of their own.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper
    $root = Get-TestUniqueRoot
    $null = Connect-ZooKeeper $zk.ConnectionString
    $null = New-ZkNode $root
    $kazooScript = Join-Path $PSScriptRoot 'Recipes.Kazoo.py'

    function Start-Kazoo([string[]] $Arguments, [int] $SessionTimeout = 10) {
        Start-KazooScript $kazooScript $zk.ConnectionString $Arguments -SessionTimeout $SessionTimeout
    }

    # Waits until <Count> contenders queue on the lock at <Path>.
    function Wait-Contenders([string] $Path, [int] $Count) {
        Wait-Until { @(Get-ZkLock $Path).Count -ge $Count } 30 "$Count contenders on $Path"
    }
}

AfterAll {
    Stop-KazooScript
    Get-ZkSession | Disconnect-ZooKeeper
}

Describe 'New-ZkNode -Sequential -Protected' {
    It 'puts _c_<guid>- before the name, so kazoo''s lock counts the node as a contender' {
        $parent = "$root/protected"
        $node = New-ZkNode "$parent/__lock__" -Sequential -Protected -Ephemeral -Value 'made by a script' -MakePath
        $node.Name | Should -Match '^_c_[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}-__lock__\d{10}$'
        $kazoo = Start-Kazoo 'acquire', $parent, '0.5', 'lock'
        Wait-Kazoo $kazoo | Should -Be 'timeout' -Because 'kazoo sees the protected node as a contender before it'
        Remove-ZkNode $node.Path
    }

    It 'needs -Sequential' {
        { New-ZkNode "$root/p" -Protected } | Should -Throw -ErrorId 'ZooKeeper.InvalidCreateMode,ZooKeeperPS.Commands.NewZkNodeCommand'
    }
}

Describe 'Invoke-ZkLock and kazoo''s <Kind>' -ForEach @(
    @{ Kind = 'lock' }
    @{ Kind = 'write' }
) {
    BeforeEach {
        $path = "$root/lock-" + [guid]::NewGuid().ToString('N')
    }

    It 'waits while kazoo holds the lock, times out when asked, and runs the block once kazoo releases it' {
        $kazoo = Start-Kazoo 'hold', $path, "$path-release", $Kind
        Wait-Until { @(Get-ZkLock $path | Where-Object { $_.IsHolder -and $_.Identifier -eq 'kazoo-holder' }).Count -eq 1 } 30 'kazoo holds the lock'

        $ran = $false
        Invoke-ZkLock $path -Timeout 1 { $ran = $true } -ErrorVariable timedOut -ErrorAction SilentlyContinue
        $ran | Should -BeFalse
        $timedOut[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.LockTimeout,ZooKeeperPS.Commands.InvokeZkLockCommand'
        $timedOut[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        @(Get-ZkLock $path).Count | Should -Be 1 -Because 'the timed-out contender left the queue'

        $waiting = Start-InRunspace {
            param($ConnectionString, $Path)
            $null = Connect-ZooKeeper $ConnectionString
            Invoke-ZkLock $Path { "ran holding=$($ZkLock.IsHeld)"; (Get-ZkLock $Path | Where-Object IsHolder).Identifier } -Identifier 'pwsh'
        } @{ ConnectionString = $zk.ConnectionString; Path = $path }
        Wait-Contenders $path 2
        $waiting.Output.Count | Should -Be 0 -Because 'kazoo still holds the lock'
        $null = New-ZkNode "$path-release"
        $run = Complete-InRunspace $waiting -Seconds 30
        $run.Output | Should -Be 'ran holding=True', 'pwsh'
        Wait-Kazoo $kazoo | Select-Object -Last 1 | Should -Be 'released'
    }

    It 'makes kazoo wait while the cmdlet holds the lock; kazoo lists the cmdlet as a contender and gets the lock after the release' {
        $lock = Lock-ZkPath $path -Identifier 'pwsh-holder'
        $lock.IsHeld | Should -BeTrue
        Wait-Kazoo (Start-Kazoo 'acquire', $path, '0.5', $Kind) | Should -Be 'timeout'

        $kazoo = Start-Kazoo 'acquire', $path, '30', $Kind
        Wait-Contenders $path 2
        Unlock-ZkPath $lock
        $lock.IsHeld | Should -BeFalse
        $said = Wait-Kazoo $kazoo
        $said | Should -Match '^acquired kazoo-\d+$' -Because 'kazoo got the lock, and its contenders() list only itself after the release'
    }
}

Describe 'Shared and exclusive holders with kazoo''s ReadLock and WriteLock' {
    It 'lets a shared cmdlet holder and a kazoo ReadLock hold together, and keeps a kazoo WriteLock out of both' {
        $path = "$root/rw-" + [guid]::NewGuid().ToString('N')
        $shared = Lock-ZkPath $path -Shared -Identifier 'pwsh-reader'
        Wait-Kazoo (Start-Kazoo 'acquire', $path, '10', 'read') | Should -BeLike 'acquired pwsh-reader|kazoo-*' -Because 'readers share the lock'
        Wait-Kazoo (Start-Kazoo 'acquire', $path, '0.5', 'write') | Should -Be 'timeout' -Because 'a writer waits for the reader before it'
        $exclusive = Start-InRunspace {
            param($ConnectionString, $Path)
            $null = Connect-ZooKeeper $ConnectionString
            Invoke-ZkLock $Path { 'writer ran' } -Timeout 30
        } @{ ConnectionString = $zk.ConnectionString; Path = $path }
        Wait-Contenders $path 2
        Start-Sleep -Milliseconds 300
        $exclusive.Output.Count | Should -Be 0 -Because 'the exclusive cmdlet waits for the shared holder'
        $shared.Dispose()
        (Complete-InRunspace $exclusive -Seconds 30).Output | Should -Be 'writer ran'
    }
}

Describe 'Mixed contenders on one counter' {
    It '3 PowerShell and 3 kazoo contenders, <Rounds> rounds each, end with the exact count and never overlap' -ForEach @(@{ Rounds = 100 }) {
        $path = "$root/mixed"
        $counter = "$root/mixed-counter"
        $null = New-ZkNode $counter -Value '0'
        $logs = 1..3 | ForEach-Object { New-TemporaryFile }
        $kazoos = $logs | ForEach-Object { Start-Kazoo 'rounds', $path, $counter, "$Rounds", $_.FullName }
        $scripts = 1..3 | ForEach-Object {
            Start-InRunspace {
                param($ConnectionString, $Path, $Counter, $Rounds, $Name)
                $session = Connect-ZooKeeper $ConnectionString
                $unixEpochTicks = 621355968000000000
                foreach ($round in 1..$Rounds) {
                    Invoke-ZkLock $Path -Session $session -ErrorAction Stop {
                        $enter = ([DateTime]::UtcNow.Ticks - $unixEpochTicks) / 1e7
                        try { $null = New-ZkNode "$Path-inside" -Ephemeral -Session $session -ErrorAction Stop } catch { 'overlap' }
                        $value = [int](Get-ZkNode $Counter -Session $session).Value
                        Set-ZkNode $Counter ($value + 1) -Session $session
                        Remove-ZkNode "$Path-inside" -Session $session
                        '{0} {1:F6} {2:F6}' -f $Name, $enter, (([DateTime]::UtcNow.Ticks - $unixEpochTicks) / 1e7)
                    }
                }
            } @{ ConnectionString = $zk.ConnectionString; Path = $path; Counter = $counter; Rounds = $Rounds; Name = "pwsh-$_" }
        }
        $lines = @(foreach ($script in $scripts) {
                $run = Complete-InRunspace $script -Seconds 240
                $run.Errors | Should -BeNullOrEmpty
                $run.Output
            })
        foreach ($kazoo in $kazoos) { Wait-Kazoo $kazoo -Seconds 240 | Should -Be 'done' }
        $lines += $logs | ForEach-Object { Get-Content $_.FullName }

        $lines | Should -Not -Contain 'overlap'
        (Get-ZkNode $counter).Value | Should -Be (6 * $Rounds)
        $sections = @($lines | ForEach-Object { $name, $enter, $exit = $_ -split ' '; [pscustomobject]@{ Name = $name; Enter = [double]$enter; Exit = [double]$exit } } |
            Sort-Object Enter)
        $sections.Count | Should -Be (6 * $Rounds)
        ($sections.Name | ForEach-Object { $_ -replace '-\d+$' } | Sort-Object -Unique) | Should -Be 'kazoo', 'pwsh'
        for ($i = 1; $i -lt $sections.Count; $i++) {
            $sections[$i].Enter | Should -BeGreaterOrEqual $sections[$i - 1].Exit -Because "$($sections[$i].Name) entered after $($sections[$i - 1].Name) left"
        }
        Write-Host ("    6 contenders x $Rounds rounds: {0:F1} s from the first enter to the last exit" -f ($sections[-1].Exit - $sections[0].Enter))
    }
}

Describe 'Semaphores with kazoo''s Semaphore (-MaxLeases)' {
    It 'waits while kazoo holds the only lease, times out when asked, and takes it once kazoo releases it' {
        $path = "$root/sem-" + [guid]::NewGuid().ToString('N')
        $kazoo = Start-Kazoo 'lease', $path, '1', "$path-release"
        Wait-Until { @(Get-ZkLock $path -Semaphore).Identifier -contains 'kazoo-holder' } 30 'kazoo holds the lease'
        Lock-ZkPath $path -MaxLeases 1 -Timeout 1 -ErrorVariable timedOut -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $timedOut[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.LockTimeout,ZooKeeperPS.Commands.LockZkPathCommand'
        $null = New-ZkNode "$path-release"
        $lease = Lock-ZkPath $path -MaxLeases 1 -Timeout 30 -Identifier 'pwsh-lease'
        $lease.IsHeld | Should -BeTrue
        $lease.MaxLeases | Should -Be 1
        (Get-ZkLock $path -Semaphore).Identifier | Should -Be 'pwsh-lease'
        (Get-ZkNode $path).Value | Should -Be '1' -Because 'the path holds the number of leases, as kazoo writes it'
        Unlock-ZkPath $lease
        Wait-Kazoo $kazoo | Select-Object -Last 1 | Should -Be 'released'
    }

    It 'refuses another number of leases than the path holds, as kazoo does' {
        $path = "$root/sem-" + [guid]::NewGuid().ToString('N')
        $lease = Lock-ZkPath $path -MaxLeases 2
        Lock-ZkPath $path -MaxLeases 3 -ErrorVariable mismatch -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $mismatch[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.SemaphoreMismatch,ZooKeeperPS.Commands.LockZkPathCommand'
        "$($mismatch[0])" | Should -Match 'has 2 leases'
        $lease.Dispose()
    }

    It '2 PowerShell and 2 kazoo contenders share 2 leases: never more than 2 holders at once' {
        $path = "$root/sem-mixed"
        $rounds = 15
        $logs = 1..2 | ForEach-Object { New-TemporaryFile }
        $kazoos = $logs | ForEach-Object { Start-Kazoo 'leases', $path, '2', "$rounds", $_.FullName }
        $scripts = 1..2 | ForEach-Object {
            Start-InRunspace {
                param($ConnectionString, $Path, $Rounds, $Name)
                $null = Connect-ZooKeeper $ConnectionString
                $unixEpochTicks = 621355968000000000
                foreach ($round in 1..$Rounds) {
                    Invoke-ZkLock $Path -MaxLeases 2 -ErrorAction Stop {
                        $enter = ([DateTime]::UtcNow.Ticks - $unixEpochTicks) / 1e7
                        Start-Sleep -Milliseconds 20
                        '{0} {1:F6} {2:F6}' -f $Name, $enter, (([DateTime]::UtcNow.Ticks - $unixEpochTicks) / 1e7)
                    }
                }
            } @{ ConnectionString = $zk.ConnectionString; Path = $path; Rounds = $rounds; Name = "pwsh-$_" }
        }
        $lines = @(foreach ($script in $scripts) {
                $run = Complete-InRunspace $script -Seconds 240
                $run.Errors | Should -BeNullOrEmpty
                $run.Output
            })
        foreach ($kazoo in $kazoos) { Wait-Kazoo $kazoo -Seconds 240 | Should -Be 'done' }
        $lines += $logs | ForEach-Object { Get-Content $_.FullName }
        $lines.Count | Should -Be (4 * $rounds)

        # Sweep the enter and exit times: an exit at the same instant as an enter counts first.
        $events = foreach ($line in $lines) {
            $null, $enter, $exit = $line -split ' '
            [pscustomobject]@{ At = [double]$enter; Change = 1 }
            [pscustomobject]@{ At = [double]$exit; Change = -1 }
        }
        $holders = 0
        $most = 0
        foreach ($event in $events | Sort-Object At, Change) {
            $holders += $event.Change
            $most = [Math]::Max($most, $holders)
        }
        $most | Should -BeLessOrEqual 2
        Write-Host "    4 contenders x $rounds leases of 2: at most $most held at once"
    }
}

Describe 'Leader election with kazoo''s Election' {
    It 'keeps kazoo''s Election out while Invoke-ZkLock leads, lists both contenders in order, and lets kazoo lead after' {
        $path = "$root/election"
        $leading = Start-InRunspace {
            param($ConnectionString, $Path, $Root)
            $null = Connect-ZooKeeper $ConnectionString
            Invoke-ZkLock $Path -Identifier 'pwsh-leader' {
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (-not (Get-ZkNode "$Root/election-done" -ErrorAction Ignore) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                'led'
            }
        } @{ ConnectionString = $zk.ConnectionString; Path = $path; Root = $root }
        Wait-Contenders $path 1
        Wait-Kazoo (Start-Kazoo 'elect', $path, '1') | Should -Be 'timeout pwsh-leader' -Because 'kazoo sees the PowerShell leader and waits (its own node is gone after the timeout)'
        $kazoo = Start-Kazoo 'elect', $path, '30'
        Wait-Contenders $path 2
        @(Get-ZkLock $path).Identifier[0] | Should -Be 'pwsh-leader'
        $null = New-ZkNode "$root/election-done"
        (Complete-InRunspace $leading -Seconds 30).Output | Should -Be 'led'
        Wait-Kazoo $kazoo | Should -BeLike 'leader kazoo-*'
    }
}

Describe 'Lock-ZkPath -Timeout 0' {
    It 'takes a free lock and gives up at once on a held one, leaving no node behind' {
        $path = "$root/try-" + [guid]::NewGuid().ToString('N')
        $other = Connect-ZooKeeper $zk.ConnectionString
        $held = Lock-ZkPath $path -Timeout 0 -Session $other
        $held.IsHeld | Should -BeTrue
        $kazoo = Start-Kazoo 'acquire', $path, '0', 'lock'
        Wait-Kazoo $kazoo | Should -Be 'timeout'
        Lock-ZkPath $path -Timeout 0 -ErrorVariable busy -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $busy[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.LockTimeout,ZooKeeperPS.Commands.LockZkPathCommand'
        Wait-Until { @(Get-ZkLock $path).Count -eq 1 } 10 'the contender that gave up left the queue'
        Lock-ZkPath "$path-sem" -MaxLeases 1 -Timeout 0 -Session $other -ErrorAction Stop | Unlock-ZkPath -ErrorAction Stop
        Unlock-ZkPath $held
        # $other stays open (AfterAll closes it): it is the runspace's default session now, which later tests use.
    }
}

Describe 'Counters with kazoo''s Counter' {
    It '2 PowerShell and 2 kazoo contenders adding 50 times each end at exactly 200' {
        $path = "$root/counter/total"
        $kazoos = 1..2 | ForEach-Object { Start-Kazoo 'add', $path, '50' }
        $scripts = 1..2 | ForEach-Object {
            Start-InRunspace {
                param($ConnectionString, $Path)
                $null = Connect-ZooKeeper $ConnectionString
                foreach ($i in 1..50) { $null = Add-ZkCounter $Path -ErrorAction Stop }
            } @{ ConnectionString = $zk.ConnectionString; Path = $path }
        }
        foreach ($script in $scripts) { (Complete-InRunspace $script -Seconds 120).Errors | Should -BeNullOrEmpty }
        foreach ($kazoo in $kazoos) { Wait-Kazoo $kazoo -Seconds 120 | Should -Be 'done' }
        (Get-ZkCounter $path).Value | Should -Be 200
        (Get-ZkNode $path).Value | Should -Be '200' -Because 'kazoo''s format is the number as text'
    }

    It 'keeps whole counters whole, turns them into floats on a fractional increment, and writes Curator''s 4 bytes with -Curator' {
        $change = Add-ZkCounter "$root/counter/mixed" -Increment 2
        $change.PreValue | Should -Be 0
        $change.Value | Should -BeOfType [long]
        (Add-ZkCounter "$root/counter/mixed" -Increment 0.5).Value | Should -Be 2.5
        (Get-ZkNode "$root/counter/mixed").Value | Should -Be '2.5'
        (Add-ZkCounter "$root/counter/curator" -Increment -3 -Curator).Value | Should -Be -3
        (Get-ZkNode "$root/counter/curator").Data | Should -Be ([byte[]](255, 255, 255, 253))
        (Get-ZkCounter "$root/counter/curator" -Curator).Value | Should -Be -3
    }

    It 'does not create a missing counter when reading it' {
        { Get-ZkCounter "$root/counter/missing" -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoNode,ZooKeeperPS.Commands.GetZkCounterCommand'
        Get-ZkNode "$root/counter/missing" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
