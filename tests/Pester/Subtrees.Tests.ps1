# Export-, Import-, Copy-, Compare- and Sync-ZkTree against the shared server: round trips through a file and the
# pipeline (exact bytes, null and empty data, ACLs), -Exclude, -IncludeEphemeral, -WhatIf, -Conflict, a damaged file,
# errors that name their node, a copy into another session (a chroot standing in for another cluster) that the same
# digest user can read, and a mirror. The engines' own tests (kazoo, a second server, kill -9) are in xunit.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $module = Import-TestModule
    $zk = Start-TestZooKeeper
    $alice = [pscredential]::new('alice', (ConvertTo-SecureString 'alice-secret' -AsPlainText -Force))
    $asAlice = Connect-ZooKeeper $zk.ConnectionString -Credential $alice
    $session = Connect-ZooKeeper $zk.ConnectionString

    function New-TestTree([string] $Root) {
        $null = New-ZkNode $Root -Value 'root'
        $null = New-ZkNode "$Root/binary" -Value ([byte[]](0..255))
        $null = New-ZkNode "$Root/empty" -Value ([byte[]]@())
        $null = New-ZkNode "$Root/null" -Value $null
        $null = New-ZkNode "$Root/配置" -Value '值'
        $null = New-ZkNode "$Root/folder/a" -Value 'a' -MakePath
        $null = New-ZkNode "$Root/folder/b" -Value 'b'
        $null = New-ZkNode "$Root/secrets/token" -Value 'token' -MakePath
        $null = New-ZkNode "$Root/session" -Ephemeral
    }

    function Test-Node([string] $Path) { [bool](Get-ZkNode $Path -ErrorAction SilentlyContinue) }
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
}

Describe 'Export-ZkTree and Import-ZkTree' {
    It 'round-trips a subtree through a file byte for byte, and Compare-ZkTree -IncludeAcl then finds nothing' {
        $root = Get-TestUniqueRoot
        New-TestTree $root
        $file = Join-Path $TestDrive 'tree.zktree'

        $exportVerbose = Export-ZkTree $root -Destination $file -Verbose 4>&1
        $importVerbose = Import-ZkTree $file -Destination "$root-copy" -Verbose 4>&1

        $lines = Get-Content $file
        ($lines[0] | ConvertFrom-Json).format | Should -Be 'ZooKeeperPS.Tree'
        ($lines[-1] | ConvertFrom-Json).nodes | Should -Be 10
        "$exportVerbose" | Should -Match 'Exported 10 nodes'
        "$importVerbose" | Should -Match '10 created, 0 overwritten, 0 skipped, 0 failed'
        Compare-ZkTree $root "$root-copy" -IncludeAcl | Should -BeNullOrEmpty
        (Get-ZkNode "$root-copy/binary").Data | Should -Be ([byte[]](0..255))
        (Export-ZkTree "$root-copy/null").Data | Should -BeNullOrEmpty
        (Export-ZkTree "$root-copy/null").ToJson() | Should -Match '"data":null'
        (Export-ZkTree "$root-copy/empty").ToJson() | Should -Match '"data":""'
        (Get-ZkNode "$root-copy/配置").Value | Should -BeExactly '值'
        { Get-ZkNode "$root-copy/session" -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoNode,ZooKeeperPS.Commands.GetZkNodeCommand'
    }

    It 'writes records to the pipeline (paths below the root, null data as null), leaves out -Exclude subtrees, adds ephemerals with -IncludeEphemeral' {
        $root = Get-TestUniqueRoot
        New-TestTree $root

        $records = Export-ZkTree $root -Exclude secrets -IncludeEphemeral
        $narrowed = Export-ZkTree $root -Exclude 'fold*', '/binary'

        $records[0].Path | Should -Be '/'
        $records[0].SourcePath | Should -Be $root
        $records.Path | Should -Not -Contain '/secrets'
        $records.Path | Should -Not -Contain '/secrets/token'
        ($records | Where-Object Path -EQ '/session').Kind | Should -Be 'Ephemeral'
        ($records | Where-Object Path -EQ '/empty').Data.Count | Should -Be 0
        ($records | Where-Object Path -EQ '/null').Data | Should -BeNullOrEmpty
        ($records | Where-Object Path -EQ '/null').ToJson() | Should -Match '"data":null'
        ($records | Where-Object Path -EQ '/empty').ToJson() | Should -Match '"data":""'
        $narrowed.Path | Sort-Object | Should -Be (@('/', '/empty', '/null', '/secrets', '/secrets/token', '/配置') | Sort-Object)
    }

    It 'imports piped records; -WhatIf creates nothing' {
        $root = Get-TestUniqueRoot
        New-TestTree $root

        Export-ZkTree $root | Import-ZkTree -Destination "$root-whatif" -WhatIf
        Export-ZkTree $root | Import-ZkTree -Destination "$root-piped"

        Test-Node "$root-whatif" | Should -BeFalse
        Compare-ZkTree $root "$root-piped" -IncludeAcl | Should -BeNullOrEmpty
    }

    It 'skips existing nodes on a rerun, overwrites them with -Conflict Overwrite, stops with -Conflict Fail' {
        $root = Get-TestUniqueRoot
        New-TestTree $root
        $file = Join-Path $TestDrive 'conflicts.zktree'
        Export-ZkTree $root -Destination $file
        Import-ZkTree $file -Destination "$root-copy"
        $null = Set-ZkNode "$root-copy/folder/a" 'changed'

        $skipped = Import-ZkTree $file -Destination "$root-copy" -Verbose 4>&1
        $afterSkip = (Get-ZkNode "$root-copy/folder/a").Value
        Import-ZkTree $file -Destination "$root-copy" -Conflict Overwrite

        "$skipped" | Should -Match '0 created, 0 overwritten, 10 skipped'
        $afterSkip | Should -Be 'changed'
        (Get-ZkNode "$root-copy/folder/a").Value | Should -Be 'a'
        { Import-ZkTree $file -Destination "$root-copy" -Conflict Fail } | Should -Throw -ErrorId 'ZooKeeper.NodeExists,ZooKeeperPS.Commands.ImportZkTreeCommand'
    }

    It 'refuses a damaged file with ZooKeeper.BadTreeFile' {
        $root = Get-TestUniqueRoot
        New-TestTree $root
        $file = Join-Path $TestDrive 'damaged.zktree'
        Export-ZkTree $root -Destination $file
        $lines = Get-Content $file
        Set-Content $file ($lines | Select-Object -First ($lines.Count - 1))

        { Import-ZkTree $file -Destination "$root-copy" } | Should -Throw -ErrorId 'ZooKeeper.BadTreeFile,ZooKeeperPS.Commands.ImportZkTreeCommand'
        # What came before the fault is imported.
        Test-Node "$root-copy/folder/a" | Should -BeTrue
    }

    It 'writes one error per node that cannot be created, naming it, and creates the rest' {
        $root = Get-TestUniqueRoot
        New-TestTree $root
        $null = New-ZkNode "$root-copy"
        $null = New-ZkNode "$root-copy/folder" -Acl (New-ZkAcl -World -Permission Read)

        Export-ZkTree $root | Import-ZkTree -Destination "$root-copy" -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.TargetObject | Sort-Object | Should -Be @("$root-copy/folder/a", "$root-copy/folder/b")
        $failures | ForEach-Object FullyQualifiedErrorId | Select-Object -Unique | Should -Be 'ZooKeeper.NoAuth,ZooKeeperPS.Commands.ImportZkTreeCommand'
        Test-Node "$root-copy/secrets/token" | Should -BeTrue
    }
}

Describe 'Copy-ZkTree, Compare-ZkTree and Sync-ZkTree' {
    It 'copies a subtree closed to the copier into another session with its ACLs; the same user reads it there' {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root
        $null = New-ZkNode "$root/target"
        $null = New-ZkNode "$root/private" -Value 'p' -Session $asAlice
        $null = New-ZkNode "$root/private/key" -Value 'k' -Acl (New-ZkAcl -CreatorAll) -Session $asAlice
        Set-ZkAcl "$root/private" -Acl (New-ZkAcl -Auth -Permission Read, Admin) -Session $asAlice
        $other = Connect-ZooKeeper "$($zk.ConnectionString)$root/target" -Credential $alice
        # The session just opened became the default: the one of the other tests comes back.
        $script:session = Connect-ZooKeeper $zk.ConnectionString

        Copy-ZkTree "$root/private" /private -Session $asAlice -DestinationSession $other

        (Get-ZkNode /private/key -Session $other).Value | Should -Be 'k'
        Compare-ZkTree "$root/private" /private -ReferenceSession $asAlice -DifferenceSession $other -IncludeAcl | Should -BeNullOrEmpty
        { Get-ZkNode "$root/target/private/key" -Session $session -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoAuth,ZooKeeperPS.Commands.GetZkNodeCommand'
    }

    It 'emits a difference per node with both values, in the manner of Compare-Object' {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode "$root/blue/db" -Value v1 -MakePath
        $null = New-ZkNode "$root/blue/gone"
        $null = New-ZkNode "$root/green/db" -Value v2 -MakePath
        $null = New-ZkNode "$root/green/cache" -Value on

        $differences = Compare-ZkTree "$root/blue" "$root/green" | Sort-Object Path

        $differences.Path | Should -Be @('/cache', '/db', '/gone')
        $differences.Difference | Should -Be @('Added', 'DataChanged', 'Removed')
        $differences.SideIndicator | Should -Be @('=>', '<>', '<=')
        $differences[1].ReferenceValue, $differences[1].DifferenceValue | Should -Be @('v1', 'v2')
        $differences[1].DifferencePath | Should -Be "$root/green/db"
    }

    It 'mirrors a subtree (create, write, set ACL, -Delete), lists every change with -WhatIf and leaves ephemerals alone' {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode "$root/source/db" -Value v2 -MakePath
        $null = New-ZkNode "$root/source/new/leaf" -Value leaf -MakePath
        $null = New-ZkNode "$root/source/locked" -Acl (New-ZkAcl -World -Permission Read)
        $null = New-ZkNode "$root/mirror/db" -Value v1 -MakePath
        $null = New-ZkNode "$root/mirror/locked"
        $null = New-ZkNode "$root/mirror/stale/child" -MakePath
        $null = New-ZkNode "$root/mirror/theirs" -Ephemeral
        $recorder = New-RecordingHost
        $run = Start-InRunspace -TestHost $recorder {
            param($Target, $Root)
            $null = Connect-ZooKeeper $Target
            Sync-ZkTree "$Root/source" "$Root/mirror" -Delete -WhatIf
        } @{ Target = $zk.ConnectionString; Root = $root }
        $null = Complete-InRunspace $run -Seconds 60
        $whatIf = $recorder.Lines
        $unchanged = Compare-ZkTree "$root/source" "$root/mirror" -IncludeAcl
        Sync-ZkTree "$root/source" "$root/mirror" -Delete

        $whatIf | Should -Contain "What if: Performing the operation `"Write data`" on target `"$root/mirror/db`"."
        $whatIf | Should -Contain "What if: Performing the operation `"Create node`" on target `"$root/mirror/new/leaf`"."
        $whatIf | Should -Contain "What if: Performing the operation `"Set ACL`" on target `"$root/mirror/locked`"."
        $whatIf | Should -Contain "What if: Performing the operation `"Remove node and its subtree`" on target `"$root/mirror/stale`"."
        @($whatIf | Where-Object { $_ -like 'What if:*' }).Count | Should -Be 5
        $unchanged.Count | Should -Be 6
        Compare-ZkTree "$root/source" "$root/mirror" -IncludeAcl | Should -BeNullOrEmpty
        Test-Node "$root/mirror/theirs" | Should -BeTrue
    }
}
