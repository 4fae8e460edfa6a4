# The test harness itself: real servers start, answer the four-letter words, survive losing one ensemble member,
# and leave no process behind. Raw four-letter words only, so these tests do not depend on the module.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force

    function Test-ProcessGone([int] $ProcessId) {
        $process = Get-Process -Id $ProcessId -ErrorAction Ignore
        $null -eq $process -or $process.HasExited
    }
}

Describe 'Start-TestZooKeeper' {
    It 'returns a standalone server that answers ruok' {
        $server = Start-TestZooKeeper

        $server.FourLetterWord('ruok') | Should -Be 'imok'
        $server.FourLetterWord('srvr') | Should -Match 'Mode: standalone'
        $server.ConnectionString | Should -Be "127.0.0.1:$($server.ClientPort)"
    }

    It 'hands out the same shared server every time' {
        $first = Start-TestZooKeeper
        $second = Start-TestZooKeeper

        [object]::ReferenceEquals($first, $second) | Should -BeTrue
    }

    It 'starts a dedicated server that is gone, data and all, after Stop-TestZooKeeper' {
        $server = Start-TestZooKeeper -Dedicated
        $processId = $server.ProcessId
        $server.FourLetterWord('ruok') | Should -Be 'imok'

        Stop-TestZooKeeper $server

        Test-ProcessGone $processId | Should -BeTrue
        Test-Path $server.DataDirectory | Should -BeFalse
    }

    It 'leaves the shared server running when Stop-TestZooKeeper is given it' {
        $server = Start-TestZooKeeper

        Stop-TestZooKeeper $server

        $server.FourLetterWord('ruok') | Should -Be 'imok'
    }
}

Describe 'Get-TestUniqueRoot' {
    It 'returns a different absolute path each time' {
        $first = Get-TestUniqueRoot
        $second = Get-TestUniqueRoot

        $first | Should -Match '^/[^/]+$'
        $second | Should -Not -Be $first
    }
}

Describe 'Start-TestZooKeeperEnsemble -Dedicated' {
    BeforeAll {
        $ensemble = Start-TestZooKeeperEnsemble -Dedicated
        $processIds = $ensemble.Servers | ForEach-Object ProcessId
    }

    AfterAll {
        Stop-TestZooKeeper $ensemble
    }

    It 'starts three servers: one leader and two followers' {
        $modes = $ensemble.Servers | ForEach-Object { $_.Mode() } | Sort-Object

        $modes | Should -Be @('follower', 'follower', 'leader')
        ($ensemble.ConnectionString -split ',').Count | Should -Be 3
    }

    It 'keeps a quorum that answers srvr when one member is killed with -9' {
        $victim = $ensemble.Leader()
        $victimId = $victim.ProcessId

        $victim.Kill()

        Test-ProcessGone $victimId | Should -BeTrue
        $newLeader = $ensemble.Leader()
        [object]::ReferenceEquals($newLeader, $victim) | Should -BeFalse
        foreach ($survivor in $ensemble.Servers | Where-Object { $_ -ne $victim }) {
            $survivor.FourLetterWord('srvr') | Should -Match 'Mode: (leader|follower)'
        }
    }

    It 'leaves no java process behind after Stop-TestZooKeeper' {
        Stop-TestZooKeeper $ensemble

        foreach ($processId in $processIds) {
            Test-ProcessGone $processId | Should -BeTrue
        }
        foreach ($server in $ensemble.Servers) {
            Test-Path $server.DataDirectory | Should -BeFalse
        }
    }
}
