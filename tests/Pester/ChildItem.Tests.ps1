# Get-ZkChildItem: children as nodes or names, -Recurse, -Depth, -Filter, -Encoding, pipeline input, streaming
# output, progress, Tab completion of -Path, and Ctrl+C leaving the session usable.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $modulePath = Join-Path (Import-TestModule).ModuleBase 'ZooKeeperPS.psd1'
    $zk = Start-TestZooKeeper
    $session = Connect-ZooKeeper $zk.ConnectionString

    $root = Get-TestUniqueRoot
    $null = "$root/a/a1/a11", "$root/a/a2", "$root/b", "$root/job-1", "$root/job-2" |
        New-ZkNode -MakePath -Value 'v'
}

AfterAll {
    Remove-ZkNode $root -Recurse -ErrorAction SilentlyContinue
    Get-ZkSession | Disconnect-ZooKeeper
    Stop-TestZooKeeper $zk
}

Describe 'Get-ZkChildItem' {
    It 'lists the children as names, sorted' {
        Get-ZkChildItem $root -Name | Should -Be 'a', 'b', 'job-1', 'job-2'
    }

    It 'lists the names at / of a session under a chroot' {
        $rooted = Connect-ZooKeeper "$($zk.ConnectionString)$root/a"
        try {
            # Under the chroot $root/a the root holds a1 and a2: the same call kazoo's tutorial makes on /.
            Get-ZkChildItem / -Name -Session $rooted | Should -Be 'a1', 'a2'
        }
        finally {
            # Connect-ZooKeeper made the rooted session the default; the other tests want an unrooted default.
            Disconnect-ZooKeeper $rooted
            $script:session = Connect-ZooKeeper $zk.ConnectionString
        }
    }

    It 'lists the children as node objects with data and stat' {
        $nodes = Get-ZkChildItem $root

        $nodes.Path | Should -Be "$root/a", "$root/b", "$root/job-1", "$root/job-2"
        $nodes[0] | Should -BeOfType ([ZooKeeperPS.ZkNode])
        $nodes[0].ChildCount | Should -Be 2
        $nodes[1].Value | Should -Be 'v'
    }

    It 'defaults to the root /' {
        Get-ZkChildItem -Name | Should -Contain 'zookeeper'
        Get-ZkChildItem -Name | Should -Contain $root.TrimStart('/')
    }

    It 'walks the whole subtree with -Recurse, parents before children' {
        $names = Get-ZkChildItem $root -Recurse -Name

        $names | Should -Be 'a', 'b', 'job-1', 'job-2', 'a/a1', 'a/a2', 'a/a1/a11'
        (Get-ZkChildItem $root -Recurse).Path | Should -Be ($names | ForEach-Object { "$root/$_" })
    }

    It 'limits the walk with -Depth' {
        Get-ZkChildItem $root -Depth 0 -Name | Should -Be 'a', 'b', 'job-1', 'job-2'
        Get-ZkChildItem $root -Depth 1 -Name | Should -Be 'a', 'b', 'job-1', 'job-2', 'a/a1', 'a/a2'
    }

    It 'keeps only names matching -Filter, still descending into the others' {
        Get-ZkChildItem $root -Filter 'job-*' -Name | Should -Be 'job-1', 'job-2'
        (Get-ZkChildItem $root -Filter 'a1*' -Recurse).Path | Should -Be "$root/a/a1", "$root/a/a1/a11"
        Get-ZkChildItem $root 'A*' -Name | Should -Be 'a'
    }

    It 'decodes values with -Encoding' {
        $null = New-ZkNode "$root/b/utf16" -Value 'ü' -Encoding unicode

        (Get-ZkChildItem "$root/b" -Encoding unicode).Value | Should -Be 'ü'
        Remove-ZkNode "$root/b/utf16"
    }

    It 'takes -Path from the pipeline, by value and from node objects' {
        ("$root/a" | Get-ZkChildItem -Name) | Should -Be 'a1', 'a2'
        (Get-ZkNode "$root/a" | Get-ZkChildItem -Name) | Should -Be 'a1', 'a2'
    }

    It 'reports a missing path as ObjectNotFound for that path' {
        Get-ZkChildItem "$root/missing" -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoNode,ZooKeeperPS.Commands.GetZkChildItemCommand'
        $failures[0].TargetObject | Should -Be "$root/missing"
    }

    Context 'on a larger tree' {
        BeforeAll {
            $big = "$root/big"
            $null = New-ZkNode $big
            $null = 1..20 | ForEach-Object { "$big/f$_" } | New-ZkNode
            $leaves = foreach ($f in 1..20) { foreach ($n in 1..100) { "$big/f$f/n$n" } }
            $null = $leaves | New-ZkNode -Value 'x'
        }

        It 'lists every node exactly once' {
            $paths = (Get-ZkChildItem $big -Recurse).Path

            $paths.Count | Should -Be 2020
            ($paths | Sort-Object -Unique).Count | Should -Be 2020
        }

        It 'streams: the first node comes out long before the walk ends' {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $first = $null
            Get-ZkChildItem $big -Recurse | ForEach-Object { if ($null -eq $first) { $first = $clock.Elapsed } }
            $total = $clock.Elapsed

            $first.TotalMilliseconds | Should -BeLessThan ($total.TotalMilliseconds / 3)
        }

        It 'stops early and cleanly when downstream has enough (Select-Object -First)' {
            $nodes = Get-ZkChildItem $big -Recurse | Select-Object -First 3

            $nodes.Count | Should -Be 3
            (Get-ZkNode $big).ChildCount | Should -Be 20
        }

        It 'writes progress while recursing' {
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddScript("Import-Module '$modulePath'; `$null = Connect-ZooKeeper $($zk.ConnectionString); `$null = Get-ZkChildItem $big -Recurse")
                $null = $shell.Invoke()
                $progress = @($shell.Streams.Progress)
            }
            finally {
                $shell.Dispose()
            }

            $progress.Count | Should -BeGreaterThan 0
            $progress[-1].RecordType | Should -Be 'Completed'
        }

        It 'stops promptly on Ctrl+C and leaves the session usable' {
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddScript("Import-Module '$modulePath'; `$null = Connect-ZooKeeper $($zk.ConnectionString); while (`$true) { Get-ZkChildItem $big -Recurse | Out-Null }")
                $running = $shell.BeginInvoke()
                Start-Sleep -Milliseconds 1500
                $clock = [System.Diagnostics.Stopwatch]::StartNew()
                $shell.Stop()
                $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
                $running.IsCompleted | Should -BeTrue

                $shell.Commands.Clear()
                $null = $shell.AddScript("(Get-ZkNode $big).ChildCount")
                $shell.Invoke() | Should -Be 20
            }
            finally {
                $shell.Dispose()
            }
        }
    }
}

Describe 'Tab completion of -Path' {
    It 'completes the children of the typed parent from the live default session' {
        $line = "Get-ZkNode $root/jo"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches

        $completions.CompletionText | Should -Be "$root/job-1", "$root/job-2"
        $completions[0].ListItemText | Should -Be 'job-1'
    }

    It 'completes top-level nodes after a bare /' {
        $line = 'Remove-ZkNode /zoo'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches

        $completions.CompletionText | Should -Be '/zookeeper'
    }

    It 'completes -Encoding names' {
        $line = 'Get-ZkNode / -Encoding utf3'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'utf32'
    }
}
