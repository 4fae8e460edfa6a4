# The barrier cmdlets against kazoo's Barrier on one shared standalone server: a barrier set by either side holds
# the other's waiters back until it is removed. kazoo runs as child processes (/usr/bin/python3 with Debian's
# python3-kazoo).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper
    $root = Get-TestUniqueRoot
    $null = Connect-ZooKeeper $zk.ConnectionString
    $null = New-ZkNode $root
    $kazooScript = Join-Path $PSScriptRoot 'Barrier.Kazoo.py'

    function Start-Kazoo([string[]] $Arguments) { Start-KazooScript $kazooScript $zk.ConnectionString $Arguments }
}

AfterAll {
    Stop-KazooScript
    Get-ZkSession | Disconnect-ZooKeeper
}

Describe 'Wait-ZkBarrier and kazoo''s Barrier' {
    BeforeEach {
        $path = "$root/barrier-" + [guid]::NewGuid().ToString('N')
    }

    It 'waits with kazoo''s waiters while the barrier node exists, times out when asked, and goes on once it is removed' {
        $null = New-ZkNode $path -MakePath
        Wait-Kazoo (Start-Kazoo 'wait', $path, '0.3') | Should -Be 'timeout'
        Wait-ZkBarrier $path -Timeout 0.3 -ErrorVariable timedOut -ErrorAction SilentlyContinue
        $timedOut[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.BarrierTimeout,ZooKeeperPS.Commands.WaitZkBarrierCommand'
        $timedOut[0].CategoryInfo.Category | Should -Be 'OperationTimeout'

        $waiting = Start-InRunspace {
            param($ConnectionString, $Path)
            $null = Connect-ZooKeeper $ConnectionString
            Wait-ZkBarrier $Path -ErrorAction Stop
            'passed'
        } @{ ConnectionString = $zk.ConnectionString; Path = $path }
        Start-Sleep -Milliseconds 500
        Set-ZkNode $path 'still up'
        Start-Sleep -Milliseconds 300
        $waiting.Output.Count | Should -Be 0 -Because 'a change of the barrier''s data does not remove it'
        # Started after the change: kazoo's wait watches once, so a data change would make it miss the removal.
        $kazoo = Start-Kazoo 'wait', $path, '60'
        Start-Sleep -Milliseconds 500
        Wait-Kazoo (Start-Kazoo 'remove', $path) | Should -Be 'removed'
        $run = Complete-InRunspace $waiting -Seconds 30
        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -Be 'passed'
        Wait-Kazoo $kazoo | Should -Be 'cleared'
    }

    It 'goes on at once when there is no barrier, and a barrier kazoo set holds it until Remove-ZkNode' {
        Wait-ZkBarrier $path -Timeout 0 -ErrorAction Stop
        $null = Wait-Kazoo (Start-Kazoo 'create', $path)
        Wait-ZkBarrier $path -Timeout 0 -ErrorVariable busy -ErrorAction SilentlyContinue
        $busy[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.BarrierTimeout,ZooKeeperPS.Commands.WaitZkBarrierCommand'
        $kazoo = Start-Kazoo 'wait', $path, '60'
        Start-Sleep -Milliseconds 500
        Remove-ZkNode $path
        Wait-Kazoo $kazoo | Should -Be 'cleared'
    }
}

Describe 'Enter-ZkBarrier and Exit-ZkBarrier with kazoo''s DoubleBarrier' {
    It '2 PowerShell and 2 kazoo members: nobody goes on before all 4 entered, nobody is out before all left' {
        $path = "$root/double-" + [guid]::NewGuid().ToString('N')
        $logs = 1..2 | ForEach-Object { New-TemporaryFile }
        $kazoos = 1..2 | ForEach-Object { Start-Kazoo 'double', $path, '4', "kazoo-$_", $logs[$_ - 1].FullName }
        $member = {
            param($ConnectionString, $Path, $Name)
            $null = Connect-ZooKeeper $ConnectionString
            $barrier = Enter-ZkBarrier $Path 4 -Identifier $Name -ErrorAction Stop
            '{0} entered {1:F6}' -f $Name, ([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() / 1000)
            Exit-ZkBarrier $barrier -ErrorAction Stop
            '{0} left {1:F6}' -f $Name, ([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() / 1000)
        }
        $first = Start-InRunspace $member @{ ConnectionString = $zk.ConnectionString; Path = $path; Name = 'pwsh-1' }
        Wait-Until { @(Get-ZkChildItem $path -ErrorAction Ignore).Count -eq 3 } 60 'three members entered'
        Start-Sleep -Milliseconds 500
        $first.Output.Count | Should -Be 0 -Because 'three of four members do not pass the barrier'
        $logs | ForEach-Object { Get-Content $_.FullName } | Should -BeNullOrEmpty -Because 'kazoo''s members wait for the fourth too'
        (Get-ZkChildItem $path).Name | Should -Not -Contain 'ready'

        $last = Start-InRunspace $member @{ ConnectionString = $zk.ConnectionString; Path = $path; Name = 'pwsh-2' }
        $lines = @(foreach ($run in $first, $last) {
                $done = Complete-InRunspace $run -Seconds 60
                $done.Errors | Should -BeNullOrEmpty
                $done.Output
            })
        foreach ($kazoo in $kazoos) { Wait-Kazoo $kazoo | Should -Be 'done' }
        $lines += $logs | ForEach-Object { Get-Content $_.FullName }
        $events = $lines | ForEach-Object { $name, $what, $at = $_ -split ' '; [pscustomobject]@{ Name = $name; What = $what; At = [double]$at } }
        $entered = @($events | Where-Object What -EQ 'entered')
        $left = @($events | Where-Object What -EQ 'left')
        $entered.Count | Should -Be 4
        $left.Count | Should -Be 4
        ($left.At | Measure-Object -Minimum).Minimum | Should -BeGreaterOrEqual ($entered.At | Measure-Object -Maximum).Maximum -Because 'leaving waits until every member has left, so after every member entered'
        @(Get-ZkChildItem $path).Count | Should -Be 0 -Because 'every member node and the ready node are gone'
    }

    It 'gives up entering after -Timeout and leaves no node behind; one member of a barrier of 1 enters and leaves at once' {
        $path = "$root/double-" + [guid]::NewGuid().ToString('N')
        Enter-ZkBarrier $path 2 -Timeout 0.5 -ErrorVariable timedOut -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $timedOut[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.BarrierTimeout,ZooKeeperPS.Commands.EnterZkBarrierCommand'
        @(Get-ZkChildItem $path).Count | Should -Be 0
        $alone = Enter-ZkBarrier $path 1 -Identifier 'alone' -Timeout 10
        $alone.Count | Should -Be 1
        (Get-ZkNode $alone.NodePath).Value | Should -Be 'alone'
        Exit-ZkBarrier $alone -Timeout 10 -ErrorAction Stop
        @(Get-ZkChildItem $path).Count | Should -Be 0
    }
}
