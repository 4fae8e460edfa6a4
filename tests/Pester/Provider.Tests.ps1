# The ZooKeeper provider: zk: drives driven with PowerShell's own item, content and location cmdlets against real
# servers: a drive from Connect-ZooKeeper -DriveName, a drive rooted at a path of a chroot session, two drives on two
# servers with Copy-Item -Recurse between them, binary content with -AsByteStream, wildcard paths, -WhatIf on every
# change, and a node this session may not read.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper
    $session = Connect-ZooKeeper $zk.ConnectionString -DriveName zk
    $root = Get-TestUniqueRoot
    $null = New-ZkNode $root

    function New-Tree([string] $Under) {
        # a (x, y), b (z), c: three levels, data on every node.
        foreach ($path in 'a', 'a/x', 'a/y', 'b', 'b/z', 'c') {
            $null = New-ZkNode "$Under/$path" -Value "v-$path" -MakePath
        }
    }
}

AfterAll {
    Remove-ZkNode $root -Recurse -ErrorAction SilentlyContinue
    Get-PSDrive -PSProvider ZooKeeper -ErrorAction SilentlyContinue | Remove-PSDrive
    Get-ZkSession | Disconnect-ZooKeeper
}

Describe 'zk: drives' {
    It 'Connect-ZooKeeper -DriveName mounts the new session as a drive at its root' {
        $drive = Get-PSDrive zk
        $drive.Provider.Name | Should -Be 'ZooKeeper'
        $drive.Session | Should -Be $session
        (Get-ChildItem zk:/ -Name) | Should -Contain 'zookeeper'
    }

    It 'New-PSDrive -Root takes a path of a chroot session, and the drive stays inside both' {
        $chroot = "$root/chroot"
        $null = New-ZkNode "$chroot/app/config" -Value 'inside' -MakePath
        $chrooted = Connect-ZooKeeper "$($zk.ConnectionString)$chroot"
        # The default session again (the last one opened), with the zk: drive on it.
        $null = Connect-ZooKeeper $zk.ConnectionString -DriveName zk
        Push-Location
        try {
            $null = New-PSDrive -Name zkapp -PSProvider ZooKeeper -Root /app -Session $chrooted
            Get-Content zkapp:/config | Should -Be 'inside'
            $null = New-Item zkapp:/new -Value 'made'
            (Get-ZkNode "$chroot/app/new").Value | Should -Be 'made'
            (Get-ChildItem zkapp:/ -Name) | Sort-Object | Should -Be @('config', 'new')
            Set-Location zkapp:/
            Set-Location ..
            (Get-Location).Path | Should -Be 'zkapp:/'
        }
        finally {
            # Back where the test started: $TestDrive is deleted after this file, and a later test's Start-Job
            # would start its process in the current folder.
            Pop-Location
            Remove-PSDrive zkapp -ErrorAction SilentlyContinue
        }
    }

    It 'Get-Help about_ZooKeeperPS_Provider finds the topic' {
        (Get-Help about_ZooKeeperPS_Provider | Out-String) | Should -Match 'atomic'
    }

    It 'refuses a drive whose root does not exist' {
        { New-PSDrive -Name zkbad -PSProvider ZooKeeper -Root "$root/missing" -Session $session -ErrorAction Stop } |
            Should -Throw -ErrorId 'ZooKeeper.NoNode*'
    }
}

Describe 'items' {
    BeforeAll {
        $tree = "$root/items"
        New-Tree $tree
    }

    It 'Get-ChildItem lists children as ZkNode items with the provider''s PSPath, Path naming the drive path' {
        $items = Get-ChildItem "zk:$tree"
        $items.Name | Should -Be @('a', 'b', 'c')
        $items[0] | Should -BeOfType ([ZooKeeperPS.ZkNode])
        "$($items[0].Path)" | Should -Be "zk:$tree/a"
        $items[0].PSPath | Should -BeLike "ZooKeeperPS\ZooKeeper::*$tree/a"
        $items[0].PSIsContainer | Should -BeTrue
        $items[0].PSChildName | Should -Be 'a'
        (Get-Item "zk:$tree/a/x").PSChildName | Should -Be 'x'
        (Get-Item "zk:$tree/a/x").PSParentPath | Should -BeLike "ZooKeeperPS\ZooKeeper::*$tree/a"
        $items[2].Value | Should -Be 'v-c'
    }

    It 'Get-ChildItem -Recurse, -Depth, -Filter, -Include, -Exclude and -Name' {
        (Get-ChildItem "zk:$tree" -Recurse).Path | Should -Be @('a', 'b', 'c', 'a/x', 'a/y', 'b/z' | ForEach-Object { "zk:$tree/$_" })
        (Get-ChildItem "zk:$tree" -Depth 0).Name | Should -Be @('a', 'b', 'c')
        (Get-ChildItem "zk:$tree" -Recurse -Filter '[xz]').Name | Should -Be @('x', 'z')
        (Get-ChildItem "zk:$tree" -Recurse -Include 'y', 'b').Name | Sort-Object | Should -Be @('b', 'y')
        (Get-ChildItem "zk:$tree" -Exclude 'a').Name | Should -Be @('b', 'c')
        Get-ChildItem "zk:$tree" -Name | Should -Be @('a', 'b', 'c')
        Get-ChildItem "zk:$tree/a" -Name -Recurse | Should -Be @('x', 'y')
    }

    It 'Get-ChildItem -Name -Recurse and -Exclude -Recurse (PowerShell''s own walks, read ahead) list what Get-ZkChildItem -Recurse does, with the stats of many nodes in each request' {
        # A folder wider than the lookahead's window (WalkLookahead.MaxNodesAhead, 500), so that reads ahead for
        # shallower folders give way to deeper ones; four levels deep; an ephemeral node (no container).
        $walk = "$root/walk"
        $null = New-ZkNode "$walk/deep/er/still/deeper" -MakePath
        $null = 0..2 | ForEach-Object { "$walk/f$_" } | New-ZkNode
        $null = @(0..99 | ForEach-Object { "$walk/f0/n$_" }) + @(0..599 | ForEach-Object { "$walk/f1/n$_" }) + @(0..99 | ForEach-Object { "$walk/f2/n$_" }) | New-ZkNode
        $null = 0..9 | ForEach-Object { "$walk/f1/n7/m$_" } | New-ZkNode
        $null = New-ZkNode "$walk/f2/eph" -Ephemeral
        $expected = @(Get-ZkChildItem $walk -Recurse | ForEach-Object { $_.Path.Substring($walk.Length + 1) }) | Sort-Object
        $expected.Count | Should -Be 818
        $received = { [long]([regex]::Match($zk.FourLetterWord('srvr'), 'Received: (\d+)').Groups[1].Value) }
        $before = & $received
        $names = @(Get-ChildItem "zk:$walk" -Recurse -Name)
        $requests = (& $received) - $before
        $names | Sort-Object | Should -Be $expected
        # PowerShell's walk alone asks three in a row for each node (twice the children, once the stat); read ahead,
        # the stats come 16 per multiRead (the test servers have it), the listings only for the nodes with children.
        $requests | Should -BeLessThan ($expected.Count / 4)
        (Get-ChildItem "zk:$walk" -Recurse -Name -Depth 1 | Sort-Object) | Should -Be ($expected | Where-Object { ($_ -split '/').Count -le 2 })
        # -Exclude with -Recurse is PowerShell's walk too: the names of each folder, then for each child Get-Item (a
        # read of its own) and IsItemContainer, then the recursion; read ahead, about one request per item.
        $before = & $received
        $kept = @(Get-ChildItem "zk:$walk" -Recurse -Exclude 'm*' | ForEach-Object { "$($_.Path)".Substring("zk:$walk".Length + 1) })
        $requests = (& $received) - $before
        $kept | Sort-Object | Should -Be ($expected | Where-Object { ($_ -split '/')[-1] -notlike 'm*' })
        $requests | Should -BeLessThan (1.5 * $kept.Count)
    }

    It 'Get-Item and Test-Path' {
        (Get-Item "zk:$tree/a/x").Value | Should -Be 'v-a/x'
        Test-Path "zk:$tree/a/x" | Should -BeTrue
        Test-Path "zk:$tree/nothing" | Should -BeFalse
        Test-Path "zk:$tree/a/*" | Should -BeTrue
    }

    It 'wildcard paths: Get-ChildItem, Get-Item and Resolve-Path expand against the live tree' {
        (Get-Item "zk:$tree/*/[xz]").Path | Should -Be @("zk:$tree/a/x", "zk:$tree/b/z")
        (Resolve-Path "zk:$tree/?").Path | Should -Be @("zk:$tree/a", "zk:$tree/b", "zk:$tree/c")
        (Get-ChildItem "zk:$tree/a/*").Name | Should -Be @('x', 'y')
    }

    It 'Set-Location and relative paths' {
        Push-Location
        try {
            Set-Location "zk:$tree/a"
            (Get-Location).Path | Should -Be "zk:$tree/a"
            (Get-Content ./x) | Should -Be 'v-a/x'
            (Get-ChildItem ../b).Name | Should -Be 'z'
            Resolve-Path ../b/z -Relative | Should -Be '../b/z'
        }
        finally {
            Pop-Location
        }
    }

    It 'Get-ItemProperty gives the stat with ZooKeeper''s field names' {
        $node = Get-ZkNode "$tree/a"
        $stat = Get-ItemProperty "zk:$tree/a"
        $stat.numChildren | Should -Be 2
        $stat.czxid | Should -Be $node.Stat.czxid
        $stat.dataLength | Should -Be 3
        (Get-ItemProperty "zk:$tree/a" -Name version, mzxid).PSObject.Properties.Name | Should -Contain 'mzxid'
        (Get-ItemPropertyValue "zk:$tree/a" -Name numChildren) | Should -Be 2
    }

    It 'Tab completes zk: paths through the provider' {
        $line = "Get-ChildItem zk:$tree/"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain "zk:$tree/a"
        $completions | Should -Contain "zk:$tree/c"
    }

    It 'items pipe to the cmdlets (path and session), and the cmdlets'' nodes name their own paths' {
        $read = Get-ChildItem "zk:$tree/a" | Get-ZkNode
        $read.Path | Should -Be @("$tree/a/x", "$tree/a/y")
        $read[0].Session | Should -Be (Get-PSDrive zk).Session
    }
}

Describe 'changes' {
    BeforeEach {
        $tree = "$root/changes-" + [guid]::NewGuid().ToString('N').Substring(0, 8)
        New-Tree $tree
    }

    It 'New-Item creates nodes of every kind: -Value, -ItemType, -Ttl, -Force for parents' {
        (New-Item "zk:$tree/plain" -Value 'p' | Get-ZkNode).Path | Should -Be "$tree/plain"
        (Get-ZkNode "$tree/plain").Value | Should -Be 'p'
        $ephemeral = New-Item "zk:$tree/eph" -ItemType Ephemeral
        $ephemeral.EphemeralOwner | Should -Be (Get-PSDrive zk).Session.Id
        $ephemeral.PSIsContainer | Should -BeFalse
        $sequential = New-Item "zk:$tree/job-" -ItemType Sequential -Value 'j'
        $sequential.Name | Should -Match '^job-\d{10}$'
        $null = New-Item "zk:$tree/box" -ItemType Container
        $null = New-Item "zk:$tree/box/item"
        $null = New-Item "zk:$tree/short" -ItemType Ttl -Ttl 60 -Value 't'
        (Get-ZkNode "$tree/short").Value | Should -Be 't'
        $null = New-Item "zk:$tree/deep/er/node" -Value 'd' -Force
        (Get-ZkNode "$tree/deep/er/node").Value | Should -Be 'd'
        { New-Item "zk:$tree/none/child" -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoNode*'
        { New-Item "zk:$tree/x" -ItemType Bogus -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.InvalidItemType*'
        { New-Item "zk:$tree/x" -ItemType Ephemeral -Ttl 5 -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.InvalidTtl*'
        { New-Item "zk:$tree/x" -ItemType Ttl -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.InvalidTtl*'
        Test-Path "zk:$tree/x" | Should -BeFalse
    }

    It 'Remove-Item removes nodes and, with -Recurse, subtrees; never /zookeeper' {
        Remove-Item "zk:$tree/c"
        Remove-Item "zk:$tree/a" -Recurse
        (Get-ZkChildItem $tree -Name) | Should -Be 'b'
        Get-ChildItem "zk:$tree/b" | Remove-Item
        (Get-ZkNode "$tree/b").ChildCount | Should -Be 0
        { Remove-Item zk:/zookeeper -Recurse -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.SystemNodeNotRemovable*'
        { Remove-Item zk:/zookeeper/quota -Recurse -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.SystemNodeNotRemovable*'
        Test-Path zk:/zookeeper | Should -BeTrue
    }

    It 'Remove-Item -Recurse -Include removes the matching nodes anywhere in the subtree (PowerShell''s walk, read ahead)' {
        Remove-Item "zk:$tree" -Recurse -Include x, z
        (Get-ZkChildItem $tree -Recurse).Path | Sort-Object | Should -Be @('a', 'a/y', 'b', 'c' | ForEach-Object { "$tree/$_" })
    }

    It 'the provider''s items piped to Remove-Item -Recurse and Get-ZkNode reach the nodes, never a file of the same path' {
        # The znodes have the path of real folders and files, and the current location is the file system.
        $twin = Join-Path $TestDrive 'twin'
        foreach ($path in 'a', 'a/x', 'b') {
            $null = New-ZkNode "$twin/$path" -Value "v-$path" -MakePath
        }
        $null = New-Item -ItemType Directory "$twin/a"
        Set-Content "$twin/a/x" 'file x'
        Set-Content "$twin/b" 'file b'
        Push-Location $TestDrive
        try {
            (Get-ChildItem "zk:$twin" | Get-ZkNode).Value | Should -Be @('v-a', 'v-b')
            Get-ChildItem "zk:$twin" | Remove-Item -Recurse
        }
        finally {
            Pop-Location
        }
        @(Get-ZkChildItem $twin).Count | Should -Be 0
        Get-Content "$twin/a/x" | Should -Be 'file x'
        Get-Content "$twin/b" | Should -Be 'file b'
        Remove-ZkNode $twin -Recurse
    }

    It 'Copy-Item copies a node alone, or with -Recurse its subtree with data and ACL; into an existing node it keeps its name' {
        Copy-Item "zk:$tree/a" "zk:$tree/single"
        (Get-ZkNode "$tree/single").Value | Should -Be 'v-a'
        (Get-ZkNode "$tree/single").ChildCount | Should -Be 0
        Set-ZkAcl "$tree/a/y" -Acl (New-ZkAcl -World -Permission Read, Write, Delete, Admin)
        Copy-Item "zk:$tree/a" "zk:$tree/copy" -Recurse
        (Get-ZkChildItem "$tree/copy" -Recurse).Value | Should -Be @('v-a/x', 'v-a/y')
        (Get-ZkAcl "$tree/copy/y").Permissions | Should -Be (Get-ZkAcl "$tree/a/y").Permissions
        Copy-Item "zk:$tree/b" "zk:$tree/copy" -Recurse
        (Get-ZkNode "$tree/copy/b/z").Value | Should -Be 'v-b/z'
        { Copy-Item "zk:$tree/a" "zk:$tree/a/inside" -Recurse -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.CopyIntoItself*'
    }

    It 'Copy-Item -Recurse copies a folder whose ACL keeps the copier from creating in it: all children, then its exact ACL' {
        $closed = "$root/closed-" + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $null = New-ZkNode "$closed/inner/leaf" -Value 'deep' -MakePath
        Set-ZkAcl "$closed/inner" -Acl (New-ZkAcl -World -Permission Read, Admin)
        try {
            Copy-Item "zk:$closed" "zk:$closed-copy" -Recurse -ErrorAction Stop
            (Get-ZkNode "$closed-copy/inner/leaf").Value | Should -Be 'deep'
            (Get-ZkAcl "$closed-copy/inner").Permissions | Should -Be (Get-ZkAcl "$closed/inner").Permissions
        }
        finally {
            # Open again, so that the clean-up may delete the children.
            Set-ZkAcl "$closed/inner", "$closed-copy/inner" -Acl (New-ZkAcl -World) -ErrorAction SilentlyContinue
        }
    }

    It 'Move-Item and Rename-Item move a subtree in one transaction' {
        $before = Get-ZkNode "$tree/a/x"
        $verbose = Move-Item "zk:$tree/a" "zk:$tree/moved" -Verbose 4>&1
        ($verbose | Out-String) | Should -Match 'moved in one transaction'
        Test-Path "zk:$tree/a" | Should -BeFalse
        (Get-ZkChildItem "$tree/moved" -Recurse).Value | Should -Be @('v-a/x', 'v-a/y')
        (Get-ZkNode "$tree/moved/x").Stat.czxid | Should -BeGreaterThan $before.Stat.czxid
        Rename-Item "zk:$tree/moved" renamed
        (Get-ZkChildItem $tree -Name) | Sort-Object | Should -Be @('b', 'c', 'renamed')
        Move-Item "zk:$tree/c" "zk:$tree/b"
        (Get-ZkNode "$tree/b/c").Value | Should -Be 'v-c'
        { Rename-Item "zk:$tree/b" 'x/y' -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.InvalidNewName*'
    }

    It 'Move-Item moves another session''s ephemeral node as a persistent copy' {
        $other = Connect-ZooKeeper $zk.ConnectionString
        try {
            $null = New-ZkNode "$tree/a/x/own" -Ephemeral -Session $other
            Move-Item "zk:$tree/a" "zk:$tree/moved"
            Test-Path "zk:$tree/moved" | Should -BeTrue
            (Get-ZkNode "$tree/moved/x/own").EphemeralOwner | Should -BeNullOrEmpty   # copies are persistent
        }
        finally {
            Disconnect-ZooKeeper $other
            $null = Connect-ZooKeeper $zk.ConnectionString -DriveName zk
        }
    }

    It 'Get-Content, Set-Content, Add-Content and Clear-Content; Set-Content overwrites in one write' {
        Get-Content "zk:$tree/a" | Should -Be 'v-a'
        $version = (Get-ZkNode "$tree/a").Version
        Set-Content "zk:$tree/a" 'line1', 'line2'
        $node = Get-ZkNode "$tree/a"
        $node.Value | Should -BeExactly "line1`nline2"
        $node.Version | Should -Be ($version + 1)
        Get-Content "zk:$tree/a" | Should -Be @('line1', 'line2')
        Get-Content "zk:$tree/a" -Raw | Should -BeExactly "line1`nline2"
        Add-Content "zk:$tree/a" 'line3'
        (Get-ZkNode "$tree/a").Value | Should -BeExactly "line1`nline2`nline3"
        Add-Content "zk:$tree/a" '!' -NoNewline
        (Get-ZkNode "$tree/a").Value | Should -BeExactly "line1`nline2`nline3!"
        Clear-Content "zk:$tree/a"
        (Get-ZkNode "$tree/a").DataLength | Should -Be 0
        Set-Content "zk:$tree/new" 'created'
        (Get-ZkNode "$tree/new").Value | Should -Be 'created'
        Set-Content "zk:$tree/u16" '中文' -Encoding unicode
        (Get-ZkNode "$tree/u16").Data | Should -Be ([Text.Encoding]::Unicode.GetBytes('中文'))
        Get-Content "zk:$tree/u16" -Encoding unicode | Should -Be '中文'
    }

    It 'binary content round trips exactly with -AsByteStream' {
        [byte[]] $bytes = 0, 1, 2, 10, 13, 127, 128, 200, 254, 255 + [byte[]](0..255)
        Set-Content "zk:$tree/bin" -Value $bytes -AsByteStream
        (Get-ZkNode "$tree/bin").Data | Should -Be $bytes
        $read = Get-Content "zk:$tree/bin" -AsByteStream -Raw
        $read.GetType() | Should -Be ([byte[]])
        $read | Should -Be $bytes
        [byte[]](Get-Content "zk:$tree/bin" -AsByteStream) | Should -Be $bytes
    }

    It 'Set-Item and Clear-Item' {
        Set-Item "zk:$tree/a" -Value 'set'
        (Get-ZkNode "$tree/a").Value | Should -Be 'set'
        Clear-Item "zk:$tree/a"
        (Get-ZkNode "$tree/a").DataLength | Should -Be 0
    }

    It '-WhatIf changes nothing, for every verb that changes' {
        $before = Get-ZkChildItem $tree -Recurse | ForEach-Object { "$($_.Path)=$($_.Value)@$($_.Version)" }
        New-Item "zk:$tree/new" -Value 'n' -WhatIf
        Remove-Item "zk:$tree/a" -Recurse -WhatIf
        Remove-Item "zk:$tree/c" -WhatIf
        Copy-Item "zk:$tree/a" "zk:$tree/copy" -Recurse -WhatIf
        Move-Item "zk:$tree/a" "zk:$tree/moved" -WhatIf
        Rename-Item "zk:$tree/a" renamed -WhatIf
        Set-Content "zk:$tree/c" 'changed' -WhatIf
        Add-Content "zk:$tree/c" 'changed' -WhatIf
        Clear-Content "zk:$tree/c" -WhatIf
        Set-Item "zk:$tree/c" -Value 'changed' -WhatIf
        Clear-Item "zk:$tree/c" -WhatIf
        Get-ZkChildItem $tree -Recurse | ForEach-Object { "$($_.Path)=$($_.Value)@$($_.Version)" } | Should -Be $before
    }
}

Describe 'two servers' {
    BeforeAll {
        $second = Start-TestZooKeeper -Dedicated
        $far = Connect-ZooKeeper $second.ConnectionString
        $null = New-PSDrive -Name zkfar -PSProvider ZooKeeper -Root / -Session $far
        # Connecting made the new session the default: the zk: drive's server is the default again.
        $null = Connect-ZooKeeper $zk.ConnectionString -DriveName zk
    }

    AfterAll {
        Remove-PSDrive zkfar -ErrorAction SilentlyContinue
        Disconnect-ZooKeeper $far -ErrorAction SilentlyContinue
        Stop-TestZooKeeper $second
    }

    It 'Copy-Item -Recurse copies a subtree from one server to another, exact bytes included' {
        $tree = "$root/to-copy"
        New-Tree $tree
        [byte[]] $bytes = 0, 255, 10, 0
        $null = New-ZkNode "$tree/a/bin" -Value $bytes
        Copy-Item "zk:$tree" zkfar:/copied -Recurse
        $copied = Get-ZkChildItem /copied -Recurse -Session $far
        $copied.Path | Should -Be @('a', 'b', 'c', 'a/bin', 'a/x', 'a/y', 'b/z' | ForEach-Object { "/copied/$_" })
        (Get-ZkNode /copied/a/bin -Session $far).Data | Should -Be $bytes
        Test-Path "zk:/copied" | Should -BeFalse
    }

    It 'Move-Item to another server copies, then removes the original' {
        $tree = "$root/to-move"
        New-Tree $tree
        $verbose = Move-Item "zk:$tree" zkfar:/moved -Verbose 4>&1
        ($verbose | Out-String) | Should -Match 'by a copy and a removal \(not atomic\)'
        Test-Path "zk:$tree" | Should -BeFalse
        (Get-ChildItem zkfar:/moved -Recurse).Value | Should -Be @('v-a', 'v-b', 'v-c', 'v-a/x', 'v-a/y', 'v-b/z')
    }

    It 'items piped from one drive act on their own session' {
        $null = New-ZkNode /piped/one -MakePath -Value 'far' -Session $far
        Get-ChildItem zkfar:/piped | Remove-Item
        Get-ZkChildItem /piped -Session $far | Should -BeNullOrEmpty
    }
}

Describe 'a node this session may not read' {
    BeforeAll {
        $secret = "$root/secret"
        $owner = [pscredential]::new('owner', (ConvertTo-SecureString ('pw-' + [guid]::NewGuid()) -AsPlainText -Force))
        $null = New-ZkNode $secret -Value 'hidden' -Acl (New-ZkAcl -Digest -Credential $owner)
    }

    AfterAll {
        $admin = Connect-ZooKeeper $zk.ConnectionString -Credential $owner
        Set-ZkAcl $secret -Acl (New-ZkAcl -World) -Session $admin
        Disconnect-ZooKeeper $admin
        $null = Connect-ZooKeeper $zk.ConnectionString -DriveName zk
    }

    It 'exists for Test-Path, and Get-Item, Get-Content and Set-Content fail with NoAuth for its path' {
        Test-Path "zk:$secret" | Should -BeTrue
        Get-Item "zk:$secret" -ErrorAction SilentlyContinue -ErrorVariable denied
        $denied[0].FullyQualifiedErrorId | Should -BeLike 'ZooKeeper.NoAuth,*'
        $denied[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $denied[0].TargetObject | Should -Be $secret
        $denied[0].ErrorDetails.RecommendedAction | Should -Match 'Add-ZkAuthentication'
        { Get-Content "zk:$secret" -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoAuth*'
        { Set-Content "zk:$secret" 'x' -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoAuth*'
        { Copy-Item "zk:$secret" "zk:$root/stolen" -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoAuth*'
        Test-Path "zk:$root/stolen" | Should -BeFalse
    }
}

Describe 'Ctrl+C' {
    It 'stops a recursive listing at once' {
        $big = "$root/big"
        $null = New-ZkNode $big
        0..39 | ForEach-Object { "$big/d$_" } | New-ZkNode | Out-Null
        0..39 | ForEach-Object { $d = $_; 0..49 | ForEach-Object { "$big/d$d/n$_" } } | New-ZkNode | Out-Null
        $started = Start-InRunspace {
            param($ConnectionString, $Path)
            $null = Connect-ZooKeeper $ConnectionString -DriveName zk
            Get-ChildItem "zk:$Path" -Recurse | ForEach-Object { Start-Sleep -Milliseconds 20; $_ }
        } @{ ConnectionString = $zk.ConnectionString; Path = $big }
        Wait-Until { $started.Output.Count -gt 0 } 30 'the first items'
        $stopwatch = [Diagnostics.Stopwatch]::StartNew()
        $started.Shell.Stop()
        $stopwatch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $started.Output.Count | Should -BeLessThan 2040
        $started.Shell.Dispose()
    }

    It 'stops Get-ChildItem -Name -Recurse (PowerShell''s own walk) at once' {
        $started = Start-InRunspace {
            param($ConnectionString, $Path)
            $null = Connect-ZooKeeper $ConnectionString -DriveName zk
            Get-ChildItem "zk:$Path" -Recurse -Name | ForEach-Object { Start-Sleep -Milliseconds 20; $_ }
        } @{ ConnectionString = $zk.ConnectionString; Path = "$root/big" }
        Wait-Until { $started.Output.Count -gt 0 } 30 'the first names'
        $stopwatch = [Diagnostics.Stopwatch]::StartNew()
        $started.Shell.Stop()
        $stopwatch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $started.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $started.Output.Count | Should -BeLessThan 2040
        $started.Shell.Dispose()
    }

    Context 'while the server does not answer' {
        BeforeAll {
            # A server of its own, frozen (SIGSTOP) once the command runs, so that the command surely waits on it.
            $frozen = Start-TestZooKeeper -Dedicated
            $own = Connect-ZooKeeper $frozen.ConnectionString -SessionTimeout 00:00:20
            $null = New-ZkNode /tree -Session $own
            $null = 0..19 | ForEach-Object { "/tree/d$_" } | New-ZkNode -Session $own
            $null = 0..19 | ForEach-Object { $d = $_; 0..19 | ForEach-Object { "/tree/d$d/n$_" } } | New-ZkNode -Session $own
        }

        AfterAll {
            & kill -CONT $frozen.ProcessId
            Disconnect-ZooKeeper $own
            Stop-TestZooKeeper $frozen
            # The default session again (the last one opened), with the zk: drive on it.
            $null = Connect-ZooKeeper $zk.ConnectionString -DriveName zk
        }

        It 'stops <Command> at once; the session then carries on' -ForEach @(
            # -LiteralPath: for -Path, PowerShell first asks IsItemContainer of the path in a context that no stop
            # reaches (SessionStateContainer.GetChildItems), so a server that does not answer then holds Ctrl+C
            # until the client gives the connection up (see about_ZooKeeperPS_Provider).
            @{ Command = 'Get-ChildItem -LiteralPath -Recurse'; Script = 'Get-ChildItem -LiteralPath zk:/tree -Recurse' }
            @{ Command = 'Get-ChildItem -Name -Recurse'; Script = 'Get-ChildItem zk:/tree -Name -Recurse' }
            @{ Command = 'Remove-Item -Recurse'; Script = 'Remove-Item zk:/tree -Recurse' }
        ) {
            # The command starts once the server is frozen.
            $go = [Threading.ManualResetEventSlim]::new()
            $started = Start-InRunspace {
                param($ConnectionString, $Script, $Go)
                $null = Connect-ZooKeeper $ConnectionString -DriveName zk -SessionTimeout 00:00:20
                'connected'
                $Go.Wait()
                & ([scriptblock]::Create($Script))
            } @{ ConnectionString = $frozen.ConnectionString; Script = $Script; Go = $go }
            Wait-Until { $started.Output.Count -gt 0 } 30 'the drive'
            & kill -STOP $frozen.ProcessId
            try {
                $go.Set()
                Start-Sleep -Milliseconds 300
                $stopwatch = [Diagnostics.Stopwatch]::StartNew()
                $stopping = $started.Shell.BeginStop($null, $null)
                $stopping.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(10)) | Should -BeTrue
                $stopwatch.Elapsed.TotalSeconds | Should -BeLessThan 2
            }
            finally {
                & kill -CONT $frozen.ProcessId
            }
            $started.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $started.Shell.Dispose()
            # What the command had sent is answered after the stop; the session takes it and goes on.
            @(Get-ZkChildItem / -Session $own).Name | Should -Contain 'zookeeper'
        }
    }
}
