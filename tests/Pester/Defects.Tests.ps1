# The defects of issue 10, items 1 to 11, against real servers: one Describe per item, each test named after the
# behaviour the fix gives (they failed before it). About 40 s: two dedicated servers, an outage, a runspace per help
# example, the tour. kazoo (/usr/bin/python3) reads the bytes on the server where the module's own view could hide a
# difference (null data reads as empty in the cmdlets).

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $module = Import-TestModule
    $cmdlets = @($module.ExportedCmdlets.Keys | Sort-Object)
    $examples = foreach ($name in $cmdlets) {
        $number = 0
        foreach ($example in @((Get-Help $name).examples.example)) {
            @{ Command = $name; Number = ++$number; Code = ($example.code -replace '(?m)^PS [^>]*> ', '').Trim() }
        }
    }
    $cmdletCases = $cmdlets | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $module = Import-TestModule
    . (Join-Path $PSScriptRoot 'Defects.Helpers.ps1')
    $zk = Start-TestZooKeeper
    $session = Connect-ZooKeeper $zk.ConnectionString
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
}

Describe 'Item 1: piped nodes carry their exact bytes' {
    BeforeAll {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root -Session $session
        $other = Connect-ZooKeeper $zk.ConnectionString
        [byte[]] $bytes = 0, 255, 128, 10, 13
        $null = New-ZkNode "$root/bin" -Value $bytes -Session $session
    }

    AfterAll {
        Remove-ZkNode $root -Recurse -Session $session
    }

    It 'copies binary data byte-exact when a node is piped to New-ZkNode on another session' {
        $null = Get-ZkNode "$root/bin" -Session $session | New-ZkNode -Path "$root/bincopy" -Session $other

        (Read-WithKazoo "$root/bincopy")["$root/bincopy"] | Should -Be '[0,255,128,10,13]'
    }

    It 'writes binary data byte-exact when a node is piped to Set-ZkNode' {
        $null = New-ZkNode "$root/target" -Value 'old' -Session $session
        Get-ZkNode "$root/bin" -Session $session | Set-ZkNode -Path "$root/target" -Session $other

        (Read-WithKazoo "$root/target")["$root/target"] | Should -Be '[0,255,128,10,13]'
    }

    It 'stores the Data bytes of a piped object with Path and Data properties' {
        [pscustomobject]@{ Path = "$root/d"; Data = [byte[]](1, 2, 3) } | New-ZkNode -Session $session

        (Read-WithKazoo "$root/d")["$root/d"] | Should -Be '[1,2,3]'
    }

    It 'gives an error and creates no node for a piped object whose Data cannot be stored' {
        [pscustomobject]@{ Path = "$root/bad"; Data = @{ a = 1 } } |
            New-ZkNode -Session $session -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures | Should -Not -BeNullOrEmpty
        Get-ZkNode "$root/bad" -Session $session -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'copies the children of a node to another session as about_ZooKeeperPS shows (-MakePath, exact bytes)' {
        $null = New-ZkNode "$root/config/text" -Value 'τext' -MakePath -Session $session
        $null = New-ZkNode "$root/config/bin" -Value $bytes -Session $session
        $null = New-ZkNode "$root/stage" -Session $session
        $stage = Connect-ZooKeeper "$($zk.ConnectionString)$root/stage"
        try {
            $null = Get-ZkChildItem "$root/config" -Session $session | New-ZkNode -Session $stage -MakePath
        }
        finally {
            Disconnect-ZooKeeper $stage
        }

        $read = Read-WithKazoo "$root/stage$root/config/text", "$root/stage$root/config/bin"
        $read["$root/stage$root/config/text"] | Should -Be '[207,132,101,120,116]'
        $read["$root/stage$root/config/bin"] | Should -Be '[0,255,128,10,13]'
    }

    It 'copies a whole subtree to another session with Get-ZkChildItem -Recurse (parents before children)' {
        $null = New-ZkNode "$root/tree/a/b/c" -Value 'deep' -MakePath -Session $session
        $null = New-ZkNode "$root/tree/a/data" -Value $bytes -Session $session
        $null = Set-ZkNode "$root/tree/a" -Value 'parent' -Session $session
        $null = New-ZkNode "$root/copy" -Session $session
        $copy = Connect-ZooKeeper "$($zk.ConnectionString)$root/copy"
        try {
            Get-ZkChildItem "$root/tree" -Recurse -Session $session | New-ZkNode -Session $copy -MakePath -ErrorVariable failures | Out-Null
        }
        finally {
            Disconnect-ZooKeeper $copy
        }

        $failures | Should -BeNullOrEmpty
        $read = Read-WithKazoo "$root/copy$root/tree/a", "$root/copy$root/tree/a/b/c", "$root/copy$root/tree/a/data"
        $read["$root/copy$root/tree/a"] | Should -Be '[112,97,114,101,110,116]'
        $read["$root/copy$root/tree/a/b/c"] | Should -Be '[100,101,101,112]'
        $read["$root/copy$root/tree/a/data"] | Should -Be '[0,255,128,10,13]'
    }

    It 'stores a -Value given on the command line rather than the Data of a piped node' {
        $null = Get-ZkNode "$root/bin" -Session $session | New-ZkNode -Path "$root/typed" -Value 'typed' -Session $session

        (Get-ZkNode "$root/typed" -Session $session).Value | Should -BeExactly 'typed'
    }

    It 'refuses -Value and -Data given together' {
        { New-ZkNode "$root/both" -Value 'a' -Data ([byte[]](1)) -Session $session } | Should -Throw -ErrorId 'ZooKeeper.ValueAndData,ZooKeeperPS.Commands.NewZkNodeCommand'
        { Set-ZkNode "$root/bin" -Value 'a' -Data ([byte[]](1)) -Session $session } | Should -Throw -ErrorId 'ZooKeeper.ValueAndData,ZooKeeperPS.Commands.SetZkNodeCommand'
    }

    It 'gives an error, and writes nothing, for Set-ZkNode without -Value or -Data' {
        Set-ZkNode "$root/bin" -Session $session -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures.FullyQualifiedErrorId | Should -Be 'ZooKeeper.InvalidArgument,ZooKeeperPS.Commands.SetZkNodeCommand'
        "$failures" | Should -Match '-Value .* -Data'
        (Read-WithKazoo "$root/bin")["$root/bin"] | Should -Be '[0,255,128,10,13]'
    }

    It 'says in the help of New-ZkNode that a node piped from an ephemeral node is created persistent unless -Ephemeral is given' {
        $help = Get-Help New-ZkNode -Full
        $paragraphs = @($help.description.Text) + @($help.parameters.parameter | ForEach-Object { $_.description.Text })

        $paragraphs | Where-Object { $_ -match 'ephemeral' -and $_ -match 'persistent' -and $_ -match 'pipe|copy|copie' } |
            Should -Not -BeNullOrEmpty -Because 'copying an ephemeral node this way makes a persistent one'
    }
}

Describe 'Item 2: nodes created without -Value hold empty data, not null' {
    BeforeAll {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root -Value '' -Session $session
    }

    AfterAll {
        Remove-ZkNode $root -Recurse -Session $session
    }

    It 'creates a node without -Value with empty data (DataLength 0, kazoo reads b"")' {
        $null = New-ZkNode "$root/plain" -Session $session

        (Get-ZkNode "$root/plain" -Session $session).DataLength | Should -Be 0
        (Read-WithKazoo "$root/plain")["$root/plain"] | Should -Be '[]'
    }

    It 'creates every -MakePath parent with empty data (kazoo reads b"" for each)' {
        $null = New-ZkNode "$root/p1/p2/leaf" -Value 'x' -MakePath -Session $session

        $read = Read-WithKazoo "$root/p1", "$root/p1/p2"
        $read["$root/p1"] | Should -Be '[]'
        $read["$root/p1/p2"] | Should -Be '[]'
    }

    It 'creates empty data for a piped object without Value that follows one with Value (PowerShell keeps the name of a pipeline-bound parameter)' {
        $null = [pscustomobject]@{ Path = "$root/first"; Value = 'a' }, [pscustomobject]@{ Path = "$root/second" } | New-ZkNode -Session $session

        $read = Read-WithKazoo "$root/first", "$root/second"
        $read["$root/first"] | Should -Be '[97]'
        $read["$root/second"] | Should -Be '[]'
    }

    It 'keeps null data when -Value $null is passed explicitly (kazoo reads None)' {
        $null = New-ZkNode "$root/null" -Value $null -Session $session

        (Read-WithKazoo "$root/null")["$root/null"] | Should -Be 'None'
    }
}

Describe 'Item 3: table columns name real properties' {
    It 'names a real property of its type in every column header of every table view of the module' {
        Get-FormatColumnProblem $module | Should -BeNullOrEmpty
    }
}

Describe 'Item 4: advice fits the cmdlet and the parameters used' {
    BeforeAll {
        # Anyone may read /secure and create under it, only the owner may delete its children.
        $secure = Get-TestUniqueRoot
        $null = Invoke-Kazoo @'
zk.create(args[0], b'')
zk.create(args[0] + '/child', b'x')
zk.set_acls(args[0], [make_acl('world', 'anyone', read=True, create=True), make_digest_acl('owner', 'secret', all=True)])
'@ $secure
    }

    AfterAll {
        $null = Invoke-Kazoo 'zk.delete(args[0], recursive=True)' $secure
    }

    It 'reports NoAuth and no advice to add -Recurse when Remove-ZkNode -Recurse fails on a protected subtree' {
        Remove-ZkNode $secure -Recurse -Session $session -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures.FullyQualifiedErrorId | Should -Contain 'ZooKeeper.NoAuth,ZooKeeperPS.Commands.RemoveZkNodeCommand'
        foreach ($failure in $failures) {
            "$failure $($failure.ErrorDetails.RecommendedAction)" | Should -Not -Match '(Add|Use) -Recurse'
        }
    }

    It 'reports only the NoAuth of the child, naming the permission, and keeps the protected node' {
        Remove-ZkNode $secure -Recurse -Session $session -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures.Count | Should -Be 1 -Because ($failures -join "`n")
        $failures[0].TargetObject | Should -Be "$secure/child"
        "$($failures[0])" | Should -Match 'Delete permission'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match '-Credential'
        (Get-ZkChildItem $secure -Name -Session $session) | Should -Be 'child'
    }

    It 'names the Delete permission on the parent when Remove-ZkNode without -Recurse may not delete a node' {
        Remove-ZkNode "$secure/child" -Session $session -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures.FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoAuth,ZooKeeperPS.Commands.RemoveZkNodeCommand'
        "$($failures[0])" | Should -Match "Delete permission on its parent, $([regex]::Escape($secure))"
    }
}

Describe 'Item 5: a missing parent is named, with a hint of -MakePath' {
    It 'names the missing parent and suggests -MakePath when New-ZkNode /a/b/c fails with NoNode' {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root -Session $session
        try {
            New-ZkNode "$root/a/b/c" 'x' -Session $session -ErrorAction SilentlyContinue -ErrorVariable failures
        }
        finally {
            Remove-ZkNode $root -Recurse -Session $session
        }

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoNode,ZooKeeperPS.Commands.NewZkNodeCommand'
        # The node's own path contains its parents' paths: it is taken out before looking for them.
        $text = "$($failures[0]) $($failures[0].ErrorDetails.RecommendedAction)".Replace("$root/a/b/c", '<node>')
        $text | Should -Match '-MakePath'
        $text | Should -Match "($([regex]::Escape("$root/a/b"))|$([regex]::Escape("$root/a")))(?![\w/])"
    }
}

Describe 'Item 6: help examples run as written; help syntax is readable' {
    It '<Command> example <Number> runs as written on a fresh server after Connect-ZooKeeper' -ForEach $examples {
        $result = Invoke-HelpExample $Code

        $result.Errors | Should -BeNullOrEmpty -Because "example:`n$Code`n"
        $result.Prompts | Should -BeNullOrEmpty -Because "example:`n$Code`n"
    }

    It 'shows readable parameter types in the help syntax of every cmdlet (New-ZkNode -Ttl shows TimeSpan, not Nullable)' {
        $types = foreach ($name in $module.ExportedCmdlets.Keys) {
            foreach ($parameter in (Get-Help $name).syntax.syntaxItem.parameter) { "$name -$($parameter.name) <$($parameter.parameterValue)>" }
        }

        $types | Where-Object { $_ -match '`' } | Should -BeNullOrEmpty
        $types | Should -Contain 'New-ZkNode -Ttl <TimeSpan>'
    }
}

Describe 'Item 7: wildcard paths, -LiteralPath, and -Name output that pipes on' {
    BeforeAll {
        $root = Get-TestUniqueRoot
        $null = "$root/csv/a", "$root/csv/b", "$root/app/x1", "$root/app/x2", "$root/app/y", "$root/grp1/c", "$root/grp2/c",
            "$root/lit/a*/inner", "$root/lit/ab/other" | New-ZkNode -Value 'v' -MakePath -Session $session
    }

    AfterAll {
        Remove-ZkNode -Path $root -Recurse -Session $session
    }

    It 'pipes Get-ZkChildItem -Name output to Get-ZkNode' {
        $nodes = Get-ZkChildItem "$root/csv" -Name -Session $session | Get-ZkNode -Session $session -ErrorAction Stop

        $nodes.Path | Should -Be "$root/csv/a", "$root/csv/b"
    }

    It 'expands wildcards in Get-ZkNode paths: /app/* gives every child of /app' {
        (Get-ZkNode "$root/app/*" -Session $session -ErrorAction Stop).Path | Sort-Object |
            Should -Be "$root/app/x1", "$root/app/x2", "$root/app/y"
    }

    It 'expands wildcards in Get-ZkChildItem paths: the children of every matching node' {
        (Get-ZkChildItem "$root/grp*" -Session $session -ErrorAction Stop).Path | Sort-Object |
            Should -Be "$root/grp1/c", "$root/grp2/c"
    }

    It 'expands wildcards in Remove-ZkNode paths: /app/x* removes x1 and x2 only' {
        $null = "$root/rm/x1", "$root/rm/x2", "$root/rm/y" | New-ZkNode -MakePath -Session $session

        Remove-ZkNode "$root/rm/x*" -Session $session -ErrorAction Stop

        Get-ZkChildItem "$root/rm" -Name -Session $session | Should -Be 'y'
    }

    It 'pipes recursive -Name output (relative paths) to Get-ZkNode' {
        (Get-ZkChildItem "$root/lit" -Recurse -Name -Session $session | Get-ZkNode -Session $session -ErrorAction Stop).Path | Sort-Object |
            Should -Be "$root/lit/a*", "$root/lit/a*/inner", "$root/lit/ab", "$root/lit/ab/other"
    }

    It 'gives an ObjectNotFound error naming the pattern when a wildcard path matches nothing' {
        Get-ZkNode "$root/app/z*" -Session $session -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoNode,ZooKeeperPS.Commands.GetZkNodeCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be "$root/app/z*"
    }

    It 'matches names case-sensitively, as ZooKeeper paths are' {
        Get-ZkNode "$root/APP/*" -Session $session -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'reads a node whose name contains * when the path names it exactly, also when piped' {
        (Get-ZkNode "$root/lit/a*" -Session $session).Path | Should -Be "$root/lit/a*"
        (Get-ZkChildItem "$root/lit" -Session $session | Where-Object Name -EQ 'a*' | Get-ZkNode -Session $session).Path | Should -Be "$root/lit/a*"
    }

    It 'removes only the piped node whose name contains *, not its siblings' {
        $null = "$root/pipe/b*", "$root/pipe/bc" | New-ZkNode -MakePath -Session $session

        Get-ZkChildItem "$root/pipe" -Session $session | Where-Object Name -EQ 'b*' | Remove-ZkNode -Session $session

        Get-ZkChildItem "$root/pipe" -Name -Session $session | Should -Be 'bc'
    }

    It 'takes a backtick-escaped wildcard character as part of a name' {
        (Get-ZkChildItem "$root/lit/a``*" -Name -Session $session -ErrorAction Stop) | Should -Be 'inner'
    }

    It 'takes -LiteralPath on <Name>, for a node whose name contains *' -ForEach @(
        @{ Name = 'Get-ZkNode'; Run = { (Get-ZkNode -LiteralPath "$root/lit/a*" -Session $session -ErrorAction Stop).Path }; Expected = { "$root/lit/a*" } }
        @{ Name = 'Get-ZkChildItem'; Run = { Get-ZkChildItem -LiteralPath "$root/lit/a*" -Name -Session $session -ErrorAction Stop }; Expected = { 'inner' } }
        @{ Name = 'Remove-ZkNode'; Run = { Remove-ZkNode -LiteralPath "$root/lit/a*" -Recurse -Session $session -ErrorAction Stop; Get-ZkChildItem "$root/lit" -Name -Session $session }; Expected = { 'ab' } }
    ) {
        & $Run | Should -Be (& $Expected)
    }
}

Describe 'Item 8: scalars are stored as their invariant-culture text; objects are refused with a pointer to ConvertTo-Json' {
    BeforeAll {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode "$root/p" -Value 'before' -MakePath -Session $session
    }

    AfterAll {
        Remove-ZkNode $root -Recurse -Session $session
    }

    It 'stores <Case> given to Set-ZkNode as "<Text>"' -ForEach @(
        @{ Case = 'the number 42'; Value = 42; Text = '42' }
        @{ Case = '$true'; Value = $true; Text = 'True' }
        @{ Case = '1.5 under the de-DE culture'; Value = 1.5; Text = '1.5'; Culture = 'de-DE' }
        @{ Case = 'the double 0.1 (round trip)'; Value = 0.1; Text = '0.1' }
        @{ Case = 'an enum'; Value = [System.DayOfWeek]::Monday; Text = 'Monday' }
        @{ Case = 'a guid'; Value = [guid]'0f8fad5b-d9cb-469f-a165-70867728950e'; Text = '0f8fad5b-d9cb-469f-a165-70867728950e' }
        @{ Case = 'an array of bytes'; Value = @([byte]104, [byte]105); Text = 'hi' }
    ) {
        $culture = [cultureinfo]::CurrentCulture
        try {
            if ($Culture) { [cultureinfo]::CurrentCulture = $Culture }
            Set-ZkNode "$root/p" $Value -Session $session -ErrorAction Stop
        }
        finally {
            [cultureinfo]::CurrentCulture = $culture
        }

        (Get-ZkNode "$root/p" -Session $session).Value | Should -BeExactly $Text
    }

    It 'stores a number given to New-ZkNode -Value as its text' {
        $null = New-ZkNode "$root/port" -Value 2181 -Session $session -ErrorAction Stop

        (Get-ZkNode "$root/port" -Session $session).Value | Should -BeExactly '2181'
    }

    It 'refuses <Case> with an error that points to ConvertTo-Json, and leaves the node as it was' -ForEach @(
        @{ Case = 'a hashtable'; Value = @{ port = 2181 } }
        @{ Case = 'an object'; Value = [pscustomobject]@{ port = 2181 } }
        @{ Case = 'an array of numbers'; Value = @(1, 2, 3) }
    ) {
        Set-ZkNode "$root/p" 'kept' -Session $session
        Set-ZkNode "$root/p" $Value -Session $session -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures.Count | Should -Be 1
        "$($failures[0]) $($failures[0].ErrorDetails.RecommendedAction)" | Should -Match 'ConvertTo-Json'
        (Get-ZkNode "$root/p" -Session $session).Value | Should -Be 'kept'
    }
}

Describe 'Item 9: -WhatIf and -Verbose give counts; connection messages are said once' {
    BeforeAll {
        function New-Tree([string] $Path) {
            # 13 nodes: the top, 3 children, 9 grandchildren.
            $null = 1..3 | ForEach-Object { $c = $_; 1..3 | ForEach-Object { "$Path/c$c/g$_" } } | New-ZkNode -MakePath -Session $session
        }
        $root = Get-TestUniqueRoot
    }

    AfterAll {
        Remove-ZkNode $root -Recurse -Session $session -ErrorAction SilentlyContinue
    }

    It 'states how many nodes would go (13) in the -WhatIf message of Remove-ZkNode -Recurse' {
        New-Tree "$root/inv"
        $recorder = New-RecordingHost
        $null = Complete-InRunspace (Start-InRunspace -TestHost $recorder {
                param($Session, $Path) Remove-ZkNode $Path -Recurse -WhatIf -Session $Session
            } @{ Session = $session; Path = "$root/inv" })

        $whatIf = @($recorder.Lines | Where-Object { $_ -like 'What if:*' })
        $whatIf | Should -Not -BeNullOrEmpty
        ($whatIf -join "`n").Replace("$root/inv", '<path>') | Should -Match '\b13\b'
        (Get-ZkNode "$root/inv" -Session $session).Path | Should -Be "$root/inv"
    }

    It 'gives the total of deleted nodes (13) in the -Verbose output of Remove-ZkNode -Recurse' {
        New-Tree "$root/verbose"

        $verbose = Remove-ZkNode "$root/verbose" -Recurse -Session $session -Verbose 4>&1 | ForEach-Object Message

        ($verbose -join "`n").Replace("$root/verbose", '<path>') | Should -Match '\b13\b'
    }

    It 'says "connected" once in the -Verbose output of Connect-ZooKeeper' {
        $verbose = Connect-ZooKeeper $zk.ConnectionString -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        @($verbose.Message -match '\bconnected\b') | Should -HaveCount 1 -Because ($verbose.Message -join "`n")
    }

    Context 'after an outage' {
        BeforeAll {
            $dedicated = Start-TestZooKeeper -Dedicated
        }

        AfterAll {
            Stop-TestZooKeeper $dedicated
        }

        It 'collapses the repeated connect failures of an outage in the next cmdlet''s -Verbose output' {
            $outage = Connect-ZooKeeper $dedicated.ConnectionString -SessionTimeout 30
            $dedicated.Stop()
            # The client retries about once a second: several identical failures pile up.
            Start-Sleep -Seconds 5
            $dedicated.Start()
            Wait-Until { $outage.State -eq 'Connected' } 30 'the session reconnects'

            $messages = @(Get-ZkNode / -Session $outage -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
            Disconnect-ZooKeeper $outage

            $messages -match 'fail' | Should -Not -BeNullOrEmpty -Because 'the outage is still reported'
            $messages | Group-Object | Where-Object Count -GT 1 | ForEach-Object { "$($_.Count) x $($_.Name)" } |
                Should -BeNullOrEmpty
        }
    }
}

Describe 'Item 10: the tour shows what runs' {
    BeforeAll {
        $dedicated = Start-TestZooKeeper -Dedicated
    }

    AfterAll {
        Stop-TestZooKeeper $dedicated
    }

    It 'runs exactly the command of each "PS> " line it prints, and no other ZooKeeperPS command' {
        $steps = Invoke-TracedTour (Join-Path $PSScriptRoot '../../demo/Tour.ps1') $dedicated.ConnectionString

        $steps | Should -Not -BeNullOrEmpty
        $steps | Get-TourProblem | Should -BeNullOrEmpty
    }
}

Describe 'Item 11: an about_ZooKeeperPS topic' {
    BeforeAll {
        $help = Get-AboutTopicInFreshShell $module
    }

    It 'Get-Help about_ZooKeeperPS finds the topic in a fresh pwsh' {
        $help.Found | Should -BeTrue -Because $help.Topic
    }

    It 'the topic explains <Concept>' -ForEach @(
        @{ Concept = 'sessions'; Pattern = '(?s)Connect-ZooKeeper.*-Session|-Session.*Connect-ZooKeeper' }
        @{ Concept = 'paths and chroot'; Pattern = 'chroot' }
        @{ Concept = 'values and encodings'; Pattern = '(?s)-Encoding.*byte|byte.*-Encoding' }
        @{ Concept = 'errors and their ids'; Pattern = 'FullyQualifiedErrorId' }
        @{ Concept = 'watches and events'; Pattern = '(?s)Register-ZkWatch.*Wait-Event|Wait-Event.*Register-ZkWatch' }
        @{ Concept = 'pipelines between sessions'; Pattern = '(?s)pipe.{0,400}-Session|-Session.{0,400}pipe' }
    ) {
        $help.Found | Should -BeTrue -Because $help.Topic
        $help.Topic | Should -Match $Pattern
    }

    It 'links to about_ZooKeeperPS from the help of <Name>' -ForEach $cmdletCases {
        $help.Links[$Name] | Should -Contain 'about_ZooKeeperPS'
    }
}
