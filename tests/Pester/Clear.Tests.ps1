# Clear-ZooKeeper on a server of its own (it empties the whole tree): never /zookeeper, ConfirmImpact High,
# -WhatIf lists each top-level node and deletes nothing even with -Force; plus the tour that ends with it.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $modulePath = Join-Path (Import-TestModule).ModuleBase 'ZooKeeperPS.psd1'
    $zk = Start-TestZooKeeper -Dedicated
    $session = Connect-ZooKeeper $zk.ConnectionString
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
    Stop-TestZooKeeper $zk
}

Describe 'Clear-ZooKeeper' {
    BeforeEach {
        Clear-ZooKeeper -Force
        $null = '/one/a/b', '/one/c', '/two', '/three/x' | New-ZkNode -MakePath -Value 'v'
    }

    It 'deletes everything under / except the /zookeeper system tree' {
        Clear-ZooKeeper -Force

        Get-ZkChildItem / -Name | Should -Be 'zookeeper'
        (Get-ZkChildItem /zookeeper -Name) | Should -Contain 'quota'
    }

    It 'lists each top-level node with -WhatIf and deletes nothing, even with -Force' {
        # What if: lines go to the host, so a child pwsh shows them on its standard output.
        $script = "Import-Module '$modulePath'; `$null = Connect-ZooKeeper $($zk.ConnectionString); Clear-ZooKeeper -WhatIf -Force"
        $whatIf = & dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1

        Get-ZkChildItem / -Name | Should -Be 'one', 'three', 'two', 'zookeeper'
        $targets = $whatIf | Select-String 'on target "(.*)"' | ForEach-Object { $_.Matches[0].Groups[1].Value }
        $targets | Should -Be '/one', '/three', '/two'
        # Each with the size of its subtree: /one, /one/a, /one/a/b and /one/c.
        $whatIf | Select-String 'on target "/one"' | Should -Match '\(4 nodes\)'
    }

    It 'empties a subtree given as -Path and keeps the node itself' {
        Clear-ZooKeeper /one -Confirm:$false

        Get-ZkChildItem / -Name | Should -Be 'one', 'three', 'two', 'zookeeper'
        Get-ZkChildItem /one -Name | Should -BeNullOrEmpty
    }

    It 'asks for confirmation by default (ConfirmImpact High)' {
        $metadata = [System.Management.Automation.CommandMetadata]::new((Get-Command Clear-ZooKeeper))

        $metadata.ConfirmImpact | Should -Be 'High'
        $metadata.SupportsShouldProcess | Should -BeTrue
    }

    It 'refuses to clear the /zookeeper system tree' {
        { Clear-ZooKeeper /zookeeper -Force } | Should -Throw -ErrorId 'ZooKeeper.SystemTree,ZooKeeperPS.Commands.ClearZooKeeperCommand'
        Get-ZkChildItem /zookeeper -Name | Should -Contain 'quota'
    }

    It 'clears / of a chrooted session completely: its /zookeeper is an ordinary node' {
        $null = New-ZkNode /app/zookeeper/x -MakePath
        $rooted = Connect-ZooKeeper "$($zk.ConnectionString)/app"
        try {
            Clear-ZooKeeper -Force

            Get-ZkChildItem /app -Name -Session $session | Should -BeNullOrEmpty
            Get-ZkChildItem / -Name -Session $session | Should -Contain 'one'
        }
        finally {
            Disconnect-ZooKeeper $rooted
            $script:session = Connect-ZooKeeper $zk.ConnectionString
        }
    }
}

Describe 'The tour' {
    BeforeAll {
        # The tutorial starts from a server with nothing but /zookeeper.
        Clear-ZooKeeper -Force
    }

    It 'walks the kazoo tutorial and the operator''s tools beyond it, and prints what a user wants to see' {
        $tour = Join-Path $PSScriptRoot '../../demo/Tour.ps1'
        $output = & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$modulePath'; & '$tour' -ConnectionString $($zk.ConnectionString)" 2>&1 | Out-String

        $LASTEXITCODE | Should -Be 0 -Because $output
        # Each command line is followed by its own output.
        $output | Should -Match 'this is my house'
        $output | Should -Match '(?m)^PS> \$node\.Value\r?\n^this is my horse!\r?$'
        $output | Should -Match '(?m)^PS> \$node\.Version\r?\n^1\r?$'
        $output | Should -Match 'NodeDataChanged\s+/abc/JQK/XYZ/0001'
        $output | Should -Match '(?m)^PS> Get-ZkChildItem / -Name\r?\n^abc\r?\n^zookeeper'
        $output | Should -Match 'ZooKeeper.NotEmpty'
        $output | Should -Match '(?m)^PS> Remove-ZkNode /abc -Recurse -WhatIf\r?\n^What if: .*\(4 nodes\)'
        $output | Should -Match '(?m)^PS> Get-ZkNode /\*a\*\r?\n(.*\r?\n){3}^/abc .*\r?\n^/app '
        $output | Should -Match '(?m)^PS> \$session\.State\r?\n^Closed'
        # Beyond the tutorial: a transaction, the drive, a subtree round trip, a lock, the server's health.
        $output | Should -Match '(?m)^\s*1 Set\s+/app\s+1'
        $output | Should -Match '(?m)^PS> Get-Content zk:/app/config\r?\n^port=9090\r?$'
        $output | Should -Match '(?m)^PS> Compare-ZkTree /app /app-copy -IncludeAcl\r?\n^PS> '
        $output | Should -Match '/config\s+DataChanged\s+port=9090\s+port=7070'
        $output | Should -Match '(?m)^deploying under the lock\r?$'
        $output | Should -Match 'standalone\s+3\.\d+\.\d+'
        $output | Should -Match 'OneLeader\s+True'
        Get-ZkChildItem / -Name | Should -Be 'zookeeper'
    }
}
