# Piped New-ZkNode and Remove-ZkNode send their items in multis while earlier ones are in flight (issue 14): each
# item keeps its own outcome and its place, also inside a multi that failed, with -MakePath, sequential names,
# ephemeral nodes, -Acl and -WhatIf. Nodes created by one multi share their czxid, which shows that batches formed.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper
    $session = Connect-ZooKeeper $zk.ConnectionString

    function Get-Transactions($Nodes) {
        # How many transactions made these nodes: fewer than nodes when creates went together in multis.
        @($Nodes | ForEach-Object { $_.Stat.Czxid } | Sort-Object -Unique).Count
    }
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
    Stop-TestZooKeeper $zk
}

Describe 'Piped New-ZkNode in multis' {
    BeforeEach {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root
    }

    It 'creates 500 paths in input order, each existing one reported for its own path in its place' {
        $paths = 1..500 | ForEach-Object { '{0}/n{1:d4}' -f $root, $_ }
        $taken = $paths[0], $paths[57], $paths[58], $paths[333], $paths[499]
        $null = $taken | ForEach-Object { New-ZkNode $_ -Value 'before' }

        $stream = $paths | New-ZkNode -Value 'v' -ErrorAction Continue 2>&1

        $stream.Count | Should -Be 500
        for ($i = 0; $i -lt 500; $i++) {
            if ($paths[$i] -in $taken) {
                $stream[$i] | Should -BeOfType [System.Management.Automation.ErrorRecord]
                $stream[$i].TargetObject | Should -Be $paths[$i]
                $stream[$i].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NodeExists,ZooKeeperPS.Commands.NewZkNodeCommand'
                $stream[$i].CategoryInfo.Category | Should -Be 'ResourceExists'
            }
            else {
                $stream[$i].Path | Should -Be $paths[$i]
                $stream[$i].Value | Should -Be 'v'
            }
        }
        $created = @($stream | Where-Object { $_ -is [ZooKeeperPS.ZkNode] })
        Get-Transactions $created | Should -BeLessThan $created.Count -Because 'creates went together in multis'
        (Get-ZkNode $taken).Value | Sort-Object -Unique | Should -Be 'before'
        (Get-ZkChildItem $root -Name).Count | Should -Be 500
    }

    It 'keeps rejected input and bad paths in their places among batched creates' {
        $rows = 1..60 | ForEach-Object {
            $path = if ($_ -eq 20) { "$root/bad/" } else { '{0}/r{1:d2}' -f $root, $_ }
            $value = if ($_ -eq 40) { @{ not = 'a value' } } else { "value $_" }
            [pscustomobject]@{ Path = $path; Value = $value }
        }

        $stream = $rows | New-ZkNode -ErrorAction Continue 2>&1

        $stream.Count | Should -Be 60
        $stream[19].FullyQualifiedErrorId | Should -BeLike 'ZooKeeper.InvalidPath,*'
        $stream[39] | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $stream[39].TargetObject | Should -Be "$root/r40"
        $others = 0..59 | Where-Object { $_ -notin 19, 39 }
        $others | ForEach-Object { $stream[$_].Value | Should -Be "value $($_ + 1)" }
    }

    It 'returns the real paths of sequential nodes, in input order' {
        $created = 1..200 | ForEach-Object { "$root/job-" } | New-ZkNode -Sequential

        $created.Path | Should -Be (0..199 | ForEach-Object { '{0}/job-{1:d10}' -f $root, $_ })
        Get-Transactions $created | Should -BeLessThan 200 -Because 'creates went together in multis'
        (Get-ZkChildItem $root -Name).Count | Should -Be 200
    }

    It 'creates ephemeral nodes owned by the session, with -Acl' {
        $acl = New-ZkAcl -World -Permission Read, Write, Delete, Admin

        $created = 1..100 | ForEach-Object { "$root/e$_" } | New-ZkNode -Ephemeral -Acl $acl

        $created.Count | Should -Be 100
        @($created | Where-Object { $_.Stat.EphemeralOwner -ne $session.SessionId }) | Should -BeNullOrEmpty
        $acls = Get-ZkChildItem $root | Get-ZkAcl
        $acls.Count | Should -Be 100
        @($acls | Where-Object { $_.Permissions -ne 'Read, Write, Delete, Admin' }) | Should -BeNullOrEmpty
    }

    It 'with -MakePath creates nodes whose parents are items before them, as a copy of a tree sends them' {
        $paths = foreach ($a in 1..4) {
            "$root/p$a"
            foreach ($b in 1..30) { "$root/p$a/q$b"; "$root/p$a/q$b/deep/leaf" }
        }

        $stream = $paths | New-ZkNode -MakePath -Value 'x' -ErrorAction Continue 2>&1

        @($stream | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        $stream.Path | Should -Be $paths
        (Get-ZkChildItem $root -Recurse -Name).Count | Should -Be (4 + 4 * 30 * 3)
    }

    It 'reports a parent that -MakePath could not create for the node under it' {
        $null = New-ZkNode "$root/locked" -Acl (New-ZkAcl -World -Permission Read)
        $paths = "$root/a/one", "$root/locked/b/two", "$root/a/three"

        $stream = $paths | New-ZkNode -MakePath -ErrorAction Continue 2>&1

        $stream[0].Path | Should -Be "$root/a/one"
        $stream[1].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoAuth,ZooKeeperPS.Commands.NewZkNodeCommand'
        $stream[1].TargetObject | Should -Be "$root/locked/b/two"
        $stream[2].Path | Should -Be "$root/a/three"
    }

    It 'creates nothing with -WhatIf' {
        1..10 | ForEach-Object { "$root/w$_/leaf" } | New-ZkNode -MakePath -WhatIf

        Get-ZkChildItem $root -Name | Should -BeNullOrEmpty
    }
}

Describe 'Piped Remove-ZkNode in multis' {
    BeforeEach {
        $root = Get-TestUniqueRoot
        $paths = 1..300 | ForEach-Object { '{0}/n{1:d3}' -f $root, $_ }
        $null = $paths | New-ZkNode -MakePath
    }

    It 'deletes 300 paths, each missing, non-empty or changed node reported for its own path in its place' {
        $null = New-ZkNode "$($paths[100])/child"
        $null = Set-ZkNode $paths[200] 'changed'
        $given = @($paths[0..49]) + "$root/missing" + @($paths[50..299])

        $failures = $given | Remove-ZkNode -Version 0 -ErrorAction Continue 2>&1

        $failures.TargetObject | Should -Be "$root/missing", $paths[100], $paths[200]
        $failures.FullyQualifiedErrorId | Should -Be @(
            'ZooKeeper.NoNode,ZooKeeperPS.Commands.RemoveZkNodeCommand'
            'ZooKeeper.NotEmpty,ZooKeeperPS.Commands.RemoveZkNodeCommand'
            'ZooKeeper.BadVersion,ZooKeeperPS.Commands.RemoveZkNodeCommand')
        $failures.CategoryInfo.Category | Should -Be 'ObjectNotFound', 'InvalidOperation', 'InvalidOperation'
        Get-ZkChildItem $root -Recurse -Name | Sort-Object | Should -Be 'n101', 'n101/child', 'n201'
    }

    It 'deletes children before their parent when they come first' {
        $null = $paths[0..9] | ForEach-Object { New-ZkNode "$_/c" }

        $paths[0..9] | ForEach-Object { "$_/c"; $_ } | Remove-ZkNode

        (Get-ZkChildItem $root -Name).Count | Should -Be 290
    }

    It 'deletes nothing with -WhatIf' {
        $paths[0..9] | Remove-ZkNode -WhatIf

        (Get-ZkChildItem $root -Name).Count | Should -Be 300
    }
}

Describe 'Piped items and -Session' {
    # Two sessions told apart by their chroots: a node carries its session, a path or a row without one takes the default.
    BeforeAll {
        $tree = Get-TestUniqueRoot
        $null = "$tree/a/x", "$tree/b/x" | New-ZkNode -MakePath -Session $session
        $inA = Connect-ZooKeeper "$($zk.ConnectionString)$tree/a"
        $inB = Connect-ZooKeeper "$($zk.ConnectionString)$tree/b"   # the default session from here on
    }

    AfterAll {
        $inA, $inB | Disconnect-ZooKeeper
    }

    It 'writes a piped node on its own session, and piped paths and rows on the default session' {
        Get-ZkNode /x -Session $inA | ForEach-Object { $_ } | Set-ZkNode -Value 'node'
        '/x' | Set-ZkNode -Value 'path'
        [pscustomobject]@{ Path = '/x'; Value = 'row' } | Set-ZkNode

        (Get-ZkNode /x -Session $inA).Value | Should -Be 'node'
        (Get-ZkNode /x -Session $inB).Value | Should -Be 'row'
        (Get-ZkNode /x -Session $inB).Version | Should -Be 2
    }
}
