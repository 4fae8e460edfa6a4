# The queue cmdlets against kazoo's Queue on one shared standalone server: entries put by either side are taken by
# the other in kazoo's order (priority, then the order put), and concurrent consumers of both kinds take each entry
# exactly once. kazoo runs as child processes (/usr/bin/python3 with Debian's python3-kazoo).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper
    $root = Get-TestUniqueRoot
    $null = Connect-ZooKeeper $zk.ConnectionString
    $null = New-ZkNode $root
    $kazooScript = Join-Path $PSScriptRoot 'Queue.Kazoo.py'

    function Start-Kazoo([string[]] $Arguments) { Start-KazooScript $kazooScript $zk.ConnectionString $Arguments }
}

AfterAll {
    Stop-KazooScript
    Get-ZkSession | Disconnect-ZooKeeper
}

Describe 'Receive-ZkQueueItem and kazoo''s Queue.put' {
    It 'takes what kazoo put in kazoo''s order: lower priority first, then the order put' {
        $path = "$root/from-kazoo"
        $names = Wait-Kazoo (Start-Kazoo 'put', $path, '100:a', '5:b', '100:c', '999:d', '5:e', '0:f')
        $names -split ' ' | Should -HaveCount 6
        $taken = @(Receive-ZkQueueItem $path -Count 10)
        $taken.Value | Should -Be 'f', 'b', 'e', 'a', 'c', 'd'
        $taken.Priority | Should -Be 0, 5, 5, 100, 100, 999
        $taken[0].Name | Should -Match '^entry-000-\d{10}$'
        $taken[0].Path | Should -Be $path
        @(Get-ZkChildItem $path).Count | Should -Be 0 -Because 'taking an entry deletes its node'
    }
}

Describe 'Add-ZkQueueItem and kazoo''s Queue.get' {
    It 'puts entries that kazoo takes in priority and put order, with kazoo''s node names' {
        $path = "$root/to-kazoo"
        'one', 'two' | Add-ZkQueueItem $path
        $urgent = Add-ZkQueueItem $path 'urgent' -Priority 1 -PassThru
        $urgent.Name | Should -Match '^entry-001-\d{10}$'
        $urgent.Priority | Should -Be 1
        Add-ZkQueueItem $path 'late' -Priority 500
        Add-ZkQueueItem $path 'three'
        (Get-ZkChildItem $path).Name | Sort-Object | Select-Object -First 1 | Should -Be $urgent.Name
        Wait-Kazoo (Start-Kazoo 'get', $path) | Should -Be 'urgent', 'one', 'two', 'three', 'late', 'empty'
    }

    It 'stores bytes as they are and refuses a priority outside 0..999 as kazoo does' {
        $path = "$root/bytes"
        Add-ZkQueueItem $path ([byte[]](0, 255, 7))
        (Receive-ZkQueueItem $path).Data | Should -Be ([byte[]](0, 255, 7))
        { Add-ZkQueueItem $path 'x' -Priority 1000 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ZooKeeperPS.Commands.AddZkQueueItemCommand'
        Add-ZkQueueItem $path 'not put' -WhatIf
        @(Get-ZkChildItem $path).Count | Should -Be 0
    }
}

Describe 'Receive-ZkQueueItem on an empty queue' {
    It 'gives nothing at once without -Timeout, nothing after -Timeout, and waits for an entry that comes' {
        $path = "$root/empty"
        Receive-ZkQueueItem $path | Should -BeNullOrEmpty
        (Get-ZkNode $path).Path | Should -Be $path -Because 'taking makes a missing queue path, as kazoo does'
        Receive-ZkQueueItem $path -Timeout 0.3 | Should -BeNullOrEmpty

        $waiting = Start-InRunspace {
            param($ConnectionString, $Path)
            $null = Connect-ZooKeeper $ConnectionString
            (Receive-ZkQueueItem $Path -Wait -ErrorAction Stop).Value
            (Receive-ZkQueueItem $Path -Timeout 30 -ErrorAction Stop).Value
        } @{ ConnectionString = $zk.ConnectionString; Path = $path }
        Start-Sleep -Milliseconds 500
        $waiting.Output.Count | Should -Be 0 -Because 'the queue is still empty'
        $null = Wait-Kazoo (Start-Kazoo 'put', $path, '100:first')
        Wait-Until { $waiting.Output.Count -ge 1 } 30 'the waiting consumer took the first entry'
        $null = Wait-Kazoo (Start-Kazoo 'put', $path, '100:second')
        $run = Complete-InRunspace $waiting -Seconds 30
        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -Be 'first', 'second'
    }
}

Describe 'Concurrent consumers' {
    It '2 PowerShell and 2 kazoo consumers racing on one queue take each of 200 entries exactly once' {
        $path = "$root/shared"
        $go = "$root/shared-go"
        $ready = "$root/shared-ready"
        1..200 | ForEach-Object { "item-$_" } | Add-ZkQueueItem $path -ErrorAction Stop
        $logs = 1..2 | ForEach-Object { New-TemporaryFile }
        $kazoos = $logs | ForEach-Object { Start-Kazoo 'consume', $path, $go, $_.FullName, $ready }
        $consumers = 1..2 | ForEach-Object {
            Start-InRunspace {
                param($ConnectionString, $Path, $Go, $Ready)
                $null = Connect-ZooKeeper $ConnectionString
                $null = New-ZkNode "$Ready/pwsh-" -Ephemeral -Sequential -MakePath
                while (-not (Get-ZkNode $Go -ErrorAction Ignore)) { Start-Sleep -Milliseconds 10 }
                while ($item = Receive-ZkQueueItem $Path -ErrorAction Stop) { $item.Value }
            } @{ ConnectionString = $zk.ConnectionString; Path = $path; Go = $go; Ready = $ready }
        }
        Wait-Until { @(Get-ZkChildItem $ready -ErrorAction Ignore).Count -eq 4 } 60 'all four consumers are connected'
        $null = New-ZkNode $go
        $taken = @(foreach ($consumer in $consumers) {
                $run = Complete-InRunspace $consumer -Seconds 120
                $run.Errors | Should -BeNullOrEmpty
                $run.Output
            })
        $pwshCount = $taken.Count
        foreach ($kazoo in $kazoos) { Wait-Kazoo $kazoo -Seconds 120 | Should -Be 'done' }
        $taken += $logs | ForEach-Object { Get-Content $_.FullName }
        $taken.Count | Should -Be 200 -Because 'no entry is taken twice or lost'
        ($taken | Sort-Object -Unique).Count | Should -Be 200
        @(Get-ZkChildItem $path).Count | Should -Be 0
        Write-Host "    200 entries: $pwshCount taken by PowerShell, $(200 - $pwshCount) by kazoo"
    }
}

Describe 'Receive-ZkQueueItem -Locking and kazoo''s LockingQueue' {
    BeforeEach {
        $path = "$root/locking-" + [guid]::NewGuid().ToString('N')
    }

    It 'takes what kazoo put in kazoo''s order, keeps kazoo off a locked entry, and gives it to kazoo after Unlock-ZkQueueItem' {
        $null = Wait-Kazoo (Start-Kazoo 'lput', $path, '100:a', '5:b', '100:c')
        $first = Receive-ZkQueueItem $path -Locking
        $first.Value | Should -Be 'b'
        $first.IsLocked | Should -BeTrue
        (Get-ZkChildItem "$path/taken").Name | Should -Be $first.Name -Because 'the lock is a node named as the entry'
        (Get-ZkChildItem "$path/entries").Count | Should -Be 3 -Because 'a locked entry stays until it is consumed'
        $second = Receive-ZkQueueItem $path -Locking
        $second.Value | Should -Be 'a'
        Complete-ZkQueueItem $second
        Wait-Kazoo (Start-Kazoo 'lget', $path, '5', 'consume') | Should -Be 'c', 'consumed' -Because 'kazoo skips the locked entry b'
        Wait-Kazoo (Start-Kazoo 'lget', $path, '0.3', 'consume') | Should -Be 'none'
        Unlock-ZkQueueItem $first
        Wait-Kazoo (Start-Kazoo 'ldrain', $path) | Should -Be 'b', 'empty'
        @(Get-ZkChildItem "$path/entries").Count | Should -Be 0
    }

    It 'waits while kazoo holds the only entry, and takes it once kazoo''s session ends without consuming it' {
        Add-ZkQueueItem $path 'job' -Locking
        (Get-ZkChildItem "$path/entries").Name | Should -Match '^entry-100-\d{10}$'
        $kazoo = Start-Kazoo 'lget', $path, '10', 'hold', "$path-release"
        Wait-Until { @(Get-ZkChildItem "$path/taken" -ErrorAction Ignore).Count -eq 1 } 30 'kazoo locked the entry'
        Receive-ZkQueueItem $path -Locking -Timeout 0.3 | Should -BeNullOrEmpty
        $null = New-ZkNode "$path-release"
        Wait-Kazoo $kazoo | Should -Be 'job'
        $item = Receive-ZkQueueItem $path -Locking -Timeout 30
        $item.Value | Should -Be 'job'
        Complete-ZkQueueItem $item
        Complete-ZkQueueItem $item -ErrorVariable again -ErrorAction SilentlyContinue
        $again[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.QueueLockLost,ZooKeeperPS.Commands.CompleteZkQueueItemCommand'
        Wait-Kazoo (Start-Kazoo 'ldrain', $path) | Should -Be 'empty'
    }

    It 'refuses to complete or unlock an entry that holds no lock' {
        Add-ZkQueueItem "$path-plain" 'x'
        $plain = Receive-ZkQueueItem "$path-plain"
        $plain.IsLocked | Should -BeFalse
        Complete-ZkQueueItem $plain -ErrorVariable notLocked -ErrorAction SilentlyContinue
        $notLocked[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.QueueItemNotLocked,ZooKeeperPS.Commands.CompleteZkQueueItemCommand'
        Unlock-ZkQueueItem $plain -ErrorVariable notLocked2 -ErrorAction SilentlyContinue
        $notLocked2[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.QueueItemNotLocked,ZooKeeperPS.Commands.UnlockZkQueueItemCommand'
    }
}
