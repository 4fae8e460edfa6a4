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
    $kazooProcesses = [System.Collections.Generic.List[System.Diagnostics.Process]]::new()

    # Starts a kazoo client (Barrier.Kazoo.py); Wait-Kazoo returns what it said.
    function Start-Kazoo([string[]] $Arguments) {
        $info = [System.Diagnostics.ProcessStartInfo]::new('/usr/bin/python3')
        $info.ArgumentList.Add($kazooScript)
        foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
        $info.Environment['ZK_HOSTS'] = $zk.ConnectionString
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($info)
        $kazooProcesses.Add($process)
        [pscustomobject]@{ Process = $process; Output = $process.StandardOutput.ReadToEndAsync(); Errors = $process.StandardError.ReadToEndAsync() }
    }

    function Wait-Kazoo($Kazoo, [int] $Seconds = 60) {
        if (-not $Kazoo.Process.WaitForExit($Seconds * 1000)) { throw "kazoo did not finish within $Seconds s" }
        $Kazoo.Process.WaitForExit()
        if ($Kazoo.Process.ExitCode -ne 0) { throw "kazoo failed: $($Kazoo.Errors.Result)" }
        $Kazoo.Output.Result -split '\r?\n' | Where-Object { $_ }
    }
}

AfterAll {
    foreach ($process in $kazooProcesses) { if (-not $process.HasExited) { $process.Kill() } }
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
