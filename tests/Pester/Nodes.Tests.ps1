# New-ZkNode, Get-ZkNode, Set-ZkNode and Remove-ZkNode against a real server: the kazoo tutorial's steps with its
# values, every parameter, error ids and categories, -WhatIf, pipelining order, and text that round-trips with kazoo.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper
    $session = Connect-ZooKeeper $zk.ConnectionString

    function Invoke-Kazoo([string] $Code, [string[]] $Arguments) {
        # kazoo against the same server; the script gets the connection string as sys.argv[1].
        $script = "import sys`nfrom kazoo.client import KazooClient`nzk = KazooClient(hosts=sys.argv[1])`nzk.start()`n" + $Code + "`nzk.stop()"
        $output = & /usr/bin/python3 -c $script $zk.ConnectionString @Arguments
        if ($LASTEXITCODE -ne 0) { throw "kazoo failed: $output" }
        $output
    }
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
    Stop-TestZooKeeper $zk
}

Describe 'The kazoo tutorial steps' {
    BeforeEach {
        $root = Get-TestUniqueRoot
    }

    It 'creates /abc/JQK/XYZ/0001 with "this is my house" and its parents with -MakePath' {
        $node = New-ZkNode "$root/abc/JQK/XYZ/0001" -Value 'this is my house' -MakePath

        $node.Path | Should -Be "$root/abc/JQK/XYZ/0001"
        $node.Value | Should -Be 'this is my house'
        $node.Version | Should -Be 0
        (Get-ZkChildItem $root -Name) | Should -Be 'abc'
        (Get-ZkNode "$root/abc/JQK/XYZ").ChildCount | Should -Be 1
    }

    It 'reads back "this is my horse!" at version 1 after one set' {
        $null = New-ZkNode "$root/abc/JQK/XYZ/0001" -Value 'this is my house' -MakePath

        Set-ZkNode "$root/abc/JQK/XYZ/0001" -Value 'this is my horse!'
        $node = Get-ZkNode "$root/abc/JQK/XYZ/0001"

        $node.Value | Should -BeExactly 'this is my horse!'
        $node.Version | Should -Be 1
        $node.Stat.version | Should -Be 1
        $node.DataLength | Should -Be 17
    }

    It 'reads the same value and version as kazoo' {
        $null = New-ZkNode "$root/abc/JQK/XYZ/0001" -Value 'this is my house' -MakePath
        Set-ZkNode "$root/abc/JQK/XYZ/0001" -Value 'this is my horse!'

        $kazoo = Invoke-Kazoo "data, stat = zk.get(sys.argv[2])`nprint(data.decode('utf-8'))`nprint(stat.version)" "$root/abc/JQK/XYZ/0001"

        $kazoo[0] | Should -BeExactly (Get-ZkNode "$root/abc/JQK/XYZ/0001").Value
        [int]$kazoo[1] | Should -Be 1
    }

    It 'deletes the subtree with Remove-ZkNode -Recurse' {
        $null = New-ZkNode "$root/abc/JQK/XYZ/0001" -Value 'this is my house' -MakePath

        Remove-ZkNode "$root/abc" -Recurse

        Get-ZkNode "$root/abc" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-ZkChildItem $root -Name | Should -BeNullOrEmpty
    }
}

Describe 'New-ZkNode' {
    BeforeEach {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root
    }

    It 'creates a node without data when -Value is omitted' {
        $node = New-ZkNode "$root/empty"

        $node.DataLength | Should -Be 0
        $node.Data.Count | Should -Be 0
        $node.Value | Should -BeExactly ''
    }

    It 'stores a byte array as is' {
        $bytes = [byte[]](0, 1, 2, 254, 255)

        $null = New-ZkNode "$root/bytes" -Value $bytes

        (Get-ZkNode "$root/bytes").Data | Should -Be $bytes
    }

    It 'encodes a string with -Encoding' {
        $null = New-ZkNode "$root/utf16" -Value 'hé' -Encoding unicode

        (Get-ZkNode "$root/utf16").Data | Should -Be ([byte[]](0x68, 0, 0xE9, 0))
        (Get-ZkNode "$root/utf16" -Encoding unicode).Value | Should -BeExactly 'hé'
    }

    It 'creates an ephemeral node owned by the session' {
        $node = New-ZkNode "$root/eph" -Ephemeral

        $node.EphemeralOwner | Should -Be $session.Id
        $node.Stat.ephemeralOwner | Should -Be $session.SessionId
    }

    It 'creates sequential nodes and returns their real paths' {
        $first = New-ZkNode "$root/job-" -Sequential
        $second = New-ZkNode "$root/job-" -Sequential

        $first.Path | Should -Match "^$root/job-\d{10}$"
        $second.Path | Should -Not -Be $first.Path
        (Get-ZkNode $second.Path).Path | Should -Be $second.Path
    }

    It 'creates ephemeral sequential nodes' {
        $node = New-ZkNode "$root/worker-" -Ephemeral -Sequential

        $node.Path | Should -Match 'worker-\d{10}$'
        $node.EphemeralOwner | Should -Be $session.Id
    }

    It 'creates container and TTL nodes that the server reaps' {
        # Clients see ephemeralOwner 0 for both kinds; what tells them apart is that the server deletes them: a
        # container once its last child is gone, a TTL node once it has been unchanged and childless for its TTL.
        $container = New-ZkNode "$root/container" -Container
        $null = New-ZkNode "$root/container/child"
        $ttl = New-ZkNode "$root/ttl" -Ttl ([timespan]::FromMilliseconds(500))
        $ttlSequential = New-ZkNode "$root/ttl-" -Ttl 0.5 -Sequential
        $persistent = New-ZkNode "$root/persistent"
        $container.EphemeralOwner | Should -BeNullOrEmpty
        $ttlSequential.Path | Should -Match 'ttl-\d{10}$'

        Remove-ZkNode "$root/container/child"
        Wait-Until { @(Get-ZkChildItem $root -Name).Count -le 1 } 15 'the server reaps the container and the TTL nodes'

        Get-ZkChildItem $root -Name | Should -Be 'persistent'
    }

    It 'rejects contradictory node kinds before sending anything' {
        { New-ZkNode "$root/bad" -Ephemeral -Container } | Should -Throw -ErrorId 'ZooKeeper.InvalidCreateMode,ZooKeeperPS.Commands.NewZkNodeCommand'
        { New-ZkNode "$root/bad" -Ephemeral -Ttl 00:01:00 } | Should -Throw -ErrorId 'ZooKeeper.InvalidCreateMode,ZooKeeperPS.Commands.NewZkNodeCommand'
        Get-ZkNode "$root/bad" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'reports an existing node as ResourceExists' {
        $null = New-ZkNode "$root/dup"

        { New-ZkNode "$root/dup" -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NodeExists,ZooKeeperPS.Commands.NewZkNodeCommand'
        New-ZkNode "$root/dup" -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failures[0].TargetObject | Should -Be "$root/dup"
        $failures[0].Exception | Should -BeOfType ([ZooKeeperPS.Client.ZooKeeperException])
    }

    It 'reports a missing parent as ObjectNotFound without -MakePath' {
        New-ZkNode "$root/no/parent" -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoNode,ZooKeeperPS.Commands.NewZkNodeCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'rejects an invalid path as InvalidArgument' {
        { New-ZkNode "$root/trailing/" -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.InvalidPath,ZooKeeperPS.Commands.NewZkNodeCommand'
        $failure = { New-ZkNode 'relative' -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.InvalidPath,ZooKeeperPS.Commands.NewZkNodeCommand' -PassThru
        "$failure" | Should -BeExactly "Invalid znode path 'relative': a path must start with '/'."
        { Get-ZkNode 'relative' -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.InvalidPath,ZooKeeperPS.Commands.GetZkNodeCommand'
    }

    It 'rejects a -Value that is neither text, bytes nor a scalar' {
        New-ZkNode "$root/table" -Value @{ a = 1 } -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ZooKeeper.InvalidArgument,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].Exception.Message | Should -Match 'a node holds text or bytes.*ConvertTo-Json'
        Get-ZkNode "$root/table" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'creates nothing with -WhatIf' {
        New-ZkNode "$root/whatif/deep" -MakePath -WhatIf

        Get-ZkChildItem $root -Name | Should -BeNullOrEmpty
    }

    It 'creates many piped paths in input order, with errors attributed to their own path' {
        $paths = 1..300 | ForEach-Object { '{0}/n{1:d4}' -f $root, $_ }
        $null = New-ZkNode $paths[99]

        $created = $paths | New-ZkNode -Value 'v' -ErrorAction SilentlyContinue -ErrorVariable failures

        $created.Count | Should -Be 299
        $created.Path | Should -Be ($paths | Where-Object { $_ -ne $paths[99] })
        $failures.Count | Should -Be 1
        $failures[0].TargetObject | Should -Be $paths[99]
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ZooKeeper.NodeExists,*'
    }

    It 'keeps a rejected value in its place among the piped output and errors' {
        $rows = @(
            [pscustomobject]@{ Path = "$root/r1"; Value = 'ok' }
            [pscustomobject]@{ Path = "$root/r2"; Value = @{ a = 1 } }
            [pscustomobject]@{ Path = "$root/r3"; Value = 'ok' }
        )

        $stream = $rows | New-ZkNode -ErrorAction Continue 2>&1

        $stream[0].Path | Should -Be "$root/r1"
        $stream[1].TargetObject | Should -Be "$root/r2"
        $stream[2].Path | Should -Be "$root/r3"
    }

    It 'creates piped paths with -MakePath under many new parents' {
        $paths = foreach ($a in 1..5) { foreach ($b in 1..20) { "$root/p$a/q$b/leaf" } }

        $created = $paths | New-ZkNode -MakePath -Value 'x'

        $created.Count | Should -Be 100
        (Get-ZkChildItem $root -Recurse -Name).Count | Should -Be (5 + 100 + 100)
    }
}

Describe 'Get-ZkNode' {
    BeforeAll {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root
        $null = New-ZkNode "$root/a" -Value 'A'
        $null = New-ZkNode "$root/b" -Value 'B'
    }

    It 'returns a typed node with every documented property' {
        $node = Get-ZkNode "$root/a"

        $node | Should -BeOfType ([ZooKeeperPS.ZkNode])
        $node.Name | Should -Be 'a'
        $node.Value | Should -Be 'A'
        $node.Data | Should -Be ([byte[]](65))
        $node.ChildCount | Should -Be 0
        $node.DataLength | Should -Be 1
        $node.Created | Should -BeOfType ([datetime])
        $node.Modified | Should -BeGreaterOrEqual $node.Created
        [object]::ReferenceEquals($node.Session, $session) | Should -BeTrue
        $node.Stat.PSObject.Properties.Name | Should -Be @('czxid', 'mzxid', 'ctime', 'mtime', 'version', 'cversion',
            'aversion', 'ephemeralOwner', 'dataLength', 'numChildren', 'pzxid')
    }

    It 'reads several paths in order, with the missing one reported as ObjectNotFound for its path' {
        $nodes = Get-ZkNode "$root/a", "$root/missing", "$root/b" -ErrorAction SilentlyContinue -ErrorVariable failures

        $nodes.Value | Should -Be 'A', 'B'
        $failures.Count | Should -Be 1
        $failures[0].TargetObject | Should -Be "$root/missing"
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoNode,ZooKeeperPS.Commands.GetZkNodeCommand'
    }

    It 'takes paths from the pipeline by value and by property name' {
        ("$root/a", "$root/b" | Get-ZkNode).Value | Should -Be 'A', 'B'
        ([pscustomobject]@{ Path = "$root/b" } | Get-ZkNode).Value | Should -Be 'B'
        (Get-ZkNode "$root/a" | Get-ZkNode).Value | Should -Be 'A'
    }

    It 'makes a missing node terminating with -ErrorAction Stop' {
        { Get-ZkNode "$root/missing" -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoNode,ZooKeeperPS.Commands.GetZkNodeCommand'
    }

    It 'passes nodes on without waiting for a full batch when the pipeline feeds it slowly' {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $arrivals = 1..3 | ForEach-Object { "$root/a"; Start-Sleep -Milliseconds 400 } | Get-ZkNode |
            ForEach-Object { $clock.ElapsedMilliseconds }

        $arrivals.Count | Should -Be 3
        # Out with the next input record (the window emits what has completed), not held back for a fuller batch
        # until the feed ends after 1.2 s.
        $arrivals[0] | Should -BeLessThan 800
    }

    It 'keeps the pipelined output in input order over many paths' {
        $paths = 1..500 | ForEach-Object { "$root/a", "$root/b" }

        $values = ($paths | Get-ZkNode).Value

        $values.Count | Should -Be 1000
        ($values -join '') | Should -BeExactly ('AB' * 500)
    }
}

Describe 'Set-ZkNode' {
    BeforeEach {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root
        $null = New-ZkNode "$root/x" -Value 'one'
    }

    It 'writes nothing to the pipeline without -PassThru and the node with it' {
        Set-ZkNode "$root/x" 'two' | Should -BeNullOrEmpty
        $node = Set-ZkNode "$root/x" 'three' -PassThru

        $node.Value | Should -Be 'three'
        $node.Version | Should -Be 2
    }

    It 'writes only at the expected -Version, otherwise BadVersion (InvalidOperation)' {
        Set-ZkNode "$root/x" 'two' -Version 0
        Set-ZkNode "$root/x" 'stale' -Version 0 -ErrorAction SilentlyContinue -ErrorVariable failures

        (Get-ZkNode "$root/x").Value | Should -Be 'two'
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.BadVersion,ZooKeeperPS.Commands.SetZkNodeCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failures[0].TargetObject | Should -Be "$root/x"
    }

    It 'stores bytes as is and -Encoding text encoded' {
        Set-ZkNode "$root/x" ([byte[]](1, 2, 3))
        (Get-ZkNode "$root/x").Data | Should -Be ([byte[]](1, 2, 3))

        Set-ZkNode "$root/x" 'AB' -Encoding utf32
        (Get-ZkNode "$root/x").DataLength | Should -Be 8
    }

    It 'clears the data with an empty string or $null' {
        Set-ZkNode "$root/x" ''
        (Get-ZkNode "$root/x").DataLength | Should -Be 0
        Set-ZkNode "$root/x" $null
        (Get-ZkNode "$root/x").DataLength | Should -Be 0
    }

    It 'changes nothing with -WhatIf' {
        Set-ZkNode "$root/x" 'changed' -WhatIf

        $node = Get-ZkNode "$root/x"
        $node.Value | Should -Be 'one'
        $node.Version | Should -Be 0
    }

    It 'reports a missing node as ObjectNotFound' {
        { Set-ZkNode "$root/missing" 'v' -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoNode,ZooKeeperPS.Commands.SetZkNodeCommand'
    }

    It 'takes Path and Value columns from Import-Csv' {
        $null = New-ZkNode "$root/y" -Value 'old'
        $csv = Join-Path $TestDrive 'settings.csv'
        @(
            [pscustomobject]@{ Path = "$root/x"; Value = 'from csv x' }
            [pscustomobject]@{ Path = "$root/y"; Value = 'from csv y' }
        ) | Export-Csv $csv -NoTypeInformation

        Import-Csv $csv | Set-ZkNode

        (Get-ZkNode "$root/x", "$root/y").Value | Should -Be 'from csv x', 'from csv y'
    }

    It 'writes many piped rows in input order, each failure attributed to its own row' {
        $paths = 1..200 | ForEach-Object { '{0}/w{1:d3}' -f $root, $_ }
        $null = $paths | Where-Object { $_ -notlike '*w050' -and $_ -notlike '*w150' } | New-ZkNode
        $rows = $paths | ForEach-Object { [pscustomobject]@{ Path = $_; Value = "value of $_" } }

        $written = $rows | Set-ZkNode -PassThru -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures.TargetObject | Should -Be "$root/w050", "$root/w150"
        $written.Count | Should -Be 198
        $written.Path | Should -Be ($paths | Where-Object { $_ -notlike '*w050' -and $_ -notlike '*w150' })
        $stored = $written.Path | Get-ZkNode
        ($stored | Where-Object { $_.Value -ne "value of $($_.Path)" -or $_.Version -ne 1 }) | Should -BeNullOrEmpty
    }

    It 'attributes a failure in a piped batch to its own row' {
        $rows = @(
            [pscustomobject]@{ Path = "$root/x"; Value = '1' }
            [pscustomobject]@{ Path = "$root/gone"; Value = '2' }
            [pscustomobject]@{ Path = "$root/x"; Value = '3' }
        )

        $written = $rows | Set-ZkNode -PassThru -ErrorAction SilentlyContinue -ErrorVariable failures

        $written.Value | Should -Be '1', '3'
        $failures.Count | Should -Be 1
        $failures[0].TargetObject | Should -Be "$root/gone"
        (Get-ZkNode "$root/x").Version | Should -Be 2
    }
}

Describe 'Remove-ZkNode' {
    BeforeEach {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode "$root/parent/child" -MakePath
        $null = New-ZkNode "$root/leaf"
    }

    It 'deletes a leaf' {
        Remove-ZkNode "$root/leaf"

        Get-ZkChildItem $root -Name | Should -Be 'parent'
    }

    It 'refuses a node with children without -Recurse, saying to use -Recurse' {
        Remove-ZkNode "$root/parent" -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NotEmpty,ZooKeeperPS.Commands.RemoveZkNodeCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        "$($failures[0])" | Should -Match '-Recurse'
        Get-ZkNode "$root/parent/child" | Should -Not -BeNullOrEmpty
    }

    It 'deletes a subtree with -Recurse' {
        $null = 1..50 | ForEach-Object { "$root/parent/child/n$_" } | New-ZkNode

        Remove-ZkNode "$root/parent" -Recurse

        Get-ZkChildItem $root -Name | Should -Be 'leaf'
    }

    It 'deletes a wide and deep subtree with -Recurse, without errors' {
        $null = 1..600 | ForEach-Object { "$root/parent/wide/n$_" } | New-ZkNode -MakePath
        $null = New-ZkNode "$root/parent/deep/a/b/c/d/e" -MakePath
        $null = 1..30 | ForEach-Object { "$root/parent/deep/a/b/m$_" } | New-ZkNode

        Remove-ZkNode "$root/parent" -Recurse -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        Get-ZkChildItem $root -Name | Should -Be 'leaf'
    }

    It 'with -Recurse deletes what it may and reports each node it may not' {
        $null = 1..20 | ForEach-Object { "$root/parent/child/n$_" } | New-ZkNode
        $null = New-ZkNode "$root/parent/locked/inside" -MakePath
        # Deleting a node needs the Delete permission on its parent: /locked grants everything else.
        $acl = [System.Collections.Generic.List[ZooKeeperPS.Client.Acl]]::new()
        $acl.Add([ZooKeeperPS.Client.Acl]::new([ZooKeeperPS.Client.Perms]'Read, Write, Create, Admin', [ZooKeeperPS.Client.Id]::Anyone))
        $client = $session.GetType().GetProperty('Client', [System.Reflection.BindingFlags]'NonPublic, Instance').GetValue($session)
        $null = $client.SetAclAsync("$root/parent/locked", $acl).GetAwaiter().GetResult()

        Remove-ZkNode "$root/parent" -Recurse -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoAuth,ZooKeeperPS.Commands.RemoveZkNodeCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[0].TargetObject | Should -Be "$root/parent/locked/inside"
        # The nodes above it are kept without errors of their own (they could only say NotEmpty).
        $failures.Count | Should -Be 1
        Get-ZkChildItem "$root/parent" -Recurse -Name | Should -Be 'locked', 'locked/inside'
        $acl[0] = [ZooKeeperPS.Client.Acl]::new([ZooKeeperPS.Client.Perms]::All, [ZooKeeperPS.Client.Id]::Anyone)
        $null = $client.SetAclAsync("$root/parent/locked", $acl).GetAwaiter().GetResult()
    }

    It 'deletes only at the expected -Version, and with -Recurse checks it before deleting anything' {
        Set-ZkNode "$root/leaf" 'v'
        Remove-ZkNode "$root/leaf" -Version 0 -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ZooKeeper.BadVersion,*'
        Remove-ZkNode "$root/leaf" -Version 1
        Get-ZkNode "$root/leaf" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        Remove-ZkNode "$root/parent" -Recurse -Version 5 -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ZooKeeper.BadVersion,*'
        Get-ZkNode "$root/parent/child" | Should -Not -BeNullOrEmpty
    }

    It 'deletes nothing with -WhatIf, recursive or not' {
        Remove-ZkNode "$root/leaf" -WhatIf
        Remove-ZkNode "$root/parent" -Recurse -WhatIf

        (Get-ZkChildItem $root -Recurse -Name) | Should -Be 'leaf', 'parent', 'parent/child'
    }

    It 'reports a missing node as ObjectNotFound, with and without -Recurse' {
        { Remove-ZkNode "$root/missing" -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoNode,ZooKeeperPS.Commands.RemoveZkNodeCommand'
        { Remove-ZkNode "$root/missing" -Recurse -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoNode,ZooKeeperPS.Commands.RemoveZkNodeCommand'
    }

    It 'refuses the root and points to Clear-ZooKeeper' {
        { Remove-ZkNode / -Recurse -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.RootNotRemovable,ZooKeeperPS.Commands.RemoveZkNodeCommand' -ExpectedMessage '*Clear-ZooKeeper*'
    }

    It 'removes what Get-ZkChildItem -Recurse | Where-Object DataLength -gt 0 selects' {
        $null = New-ZkNode "$root/parent/a" -Value 'data'
        $null = New-ZkNode "$root/parent/child/b" -Value 'data'
        # Get-ZkChildItem / on a session rooted at $root (chroot): the composition exactly as a user types it.
        $rooted = Connect-ZooKeeper "$($zk.ConnectionString)$root"
        $null = New-ZkNode "$root-outside" -Value 'data' -Session $session
        try {
            Get-ZkChildItem / -Recurse | Where-Object DataLength -gt 0 | Remove-ZkNode

            (Get-ZkChildItem $root -Recurse -Name -Session $session) | Should -Be 'leaf', 'parent', 'parent/child'
            (Get-ZkNode "$root-outside" -Session $session).Value | Should -Be 'data'
            Remove-ZkNode "$root-outside" -Session $session
        }
        finally {
            # Connect-ZooKeeper made the rooted session the default; the other tests want an unrooted default.
            Disconnect-ZooKeeper $rooted
            $script:session = Connect-ZooKeeper $zk.ConnectionString
        }
    }
}

Describe 'Text round trips' {
    BeforeAll {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root
        $chinese = '动物园管理员：你好，世界！'
    }

    It 'stores Chinese text as its exact UTF-8 bytes and reads it back equal' {
        $null = New-ZkNode "$root/zh" -Value $chinese

        $node = Get-ZkNode "$root/zh"
        $node.Value | Should -BeExactly $chinese
        $node.Data | Should -Be ([System.Text.Encoding]::UTF8.GetBytes($chinese))
    }

    It 'reads back equal to what kazoo reads, in both directions' {
        $null = New-ZkNode "$root/zh-ps" -Value $chinese
        $kazooHex = Invoke-Kazoo "print(zk.get(sys.argv[2])[0].hex())" "$root/zh-ps"
        $kazooHex | Should -Be ([Convert]::ToHexString([System.Text.Encoding]::UTF8.GetBytes($chinese)).ToLowerInvariant())

        $null = Invoke-Kazoo "zk.create(sys.argv[2], bytes.fromhex(sys.argv[3]))" "$root/zh-kazoo", ([Convert]::ToHexString([System.Text.Encoding]::UTF8.GetBytes($chinese)))
        (Get-ZkNode "$root/zh-kazoo").Value | Should -BeExactly $chinese
    }
}
