# Get-ZkAcl, Set-ZkAcl, New-ZkAcl, New-ZkNode -Acl, Add-ZkAuthentication and Get-ZkIdentity against a real server,
# with kazoo as the oracle: ACLs set by either side read by the other with the same digest credentials, digest ids,
# compare-and-set on the ACL version, -Recurse, -WhatIf, denials, who-am-I, a password that shows up nowhere, and the
# help examples run as written. A server of its own: the ACLs here lock nodes that other files' cleanup could not delete.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper -Dedicated
    $secret = 'pw-' + [guid]::NewGuid().ToString('N')
    $alice = [pscredential]::new('alice', (ConvertTo-SecureString $secret -AsPlainText -Force))

    # The sessions some tests use beside the default one, opened first: the last session opened is the default.
    $asAlice = Connect-ZooKeeper $zk.ConnectionString -Credential $alice
    $toAuthenticate = Connect-ZooKeeper $zk.ConnectionString
    $toAskWhoAmI = Connect-ZooKeeper $zk.ConnectionString
    $toReconnect = Connect-ZooKeeper $zk.ConnectionString
    $session = Connect-ZooKeeper $zk.ConnectionString

    function Invoke-Kazoo([string] $Code, [string[]] $Arguments, [string] $Auth) {
        # kazoo against the same server, authenticated with digest user:password when -Auth is given; the script gets
        # the connection string as sys.argv[1], the auth as sys.argv[2] and -Arguments after them.
        $script = "import sys`nfrom kazoo.client import KazooClient`nfrom kazoo.security import make_digest_acl, make_digest_acl_credential`n" +
            "auth = [('digest', sys.argv[2])] if sys.argv[2] else None`nzk = KazooClient(hosts=sys.argv[1], auth_data=auth)`nzk.start()`n" +
            $Code + "`nzk.stop()"
        Invoke-Python $script $zk.ConnectionString "$Auth" @Arguments
    }

    function Invoke-Python([string] $Script) {
        $stderr = Join-Path $TestDrive 'python-stderr.txt'
        $output = & /usr/bin/python3 -c $Script @args 2> $stderr
        if ($LASTEXITCODE -ne 0) { throw "python failed ($LASTEXITCODE): $output $(Get-Content $stderr -Raw)" }
        $output
    }
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
    Stop-TestZooKeeper $zk
}

Describe 'New-ZkAcl' {
    It 'computes the digest id that kazoo''s make_digest_acl_credential computes' {
        $entry = New-ZkAcl -Digest -Credential $alice

        $kazoo = Invoke-Python "import sys`nfrom kazoo.security import make_digest_acl_credential`nprint(make_digest_acl_credential('alice', sys.argv[1]))" $secret

        $entry.Scheme | Should -Be 'digest'
        $entry.Id | Should -BeExactly $kazoo
        $entry.Permissions | Should -Be ([ZooKeeperPS.ZkPermission]::All)
    }

    It 'builds world:anyone All by default, and each scheme with -Permission flags' {
        $default = New-ZkAcl
        "$($default.Scheme):$($default.Id) $($default.Permissions)" | Should -Be 'world:anyone All'

        (New-ZkAcl -World -Permission Read, Write).Permissions | Should -Be ([ZooKeeperPS.ZkPermission]'Read, Write')
        (New-ZkAcl -Ip 10.0.0.0/8 -Permission Read).ToString() | Should -Be 'ip:10.0.0.0/8:r'
        (New-ZkAcl -X509 -Subject 'CN=client1,O=example').ToString() | Should -Be 'x509:CN=client1,O=example:cdrwa'
        (New-ZkAcl -Sasl -User 'bob@EXAMPLE.COM' -Permission Admin).ToString() | Should -Be 'sasl:bob@EXAMPLE.COM:a'
        (New-ZkAcl -Auth -Permission Create).ToString() | Should -Be 'auth::c'
        (New-ZkAcl -CreatorAll).ToString() | Should -Be 'auth::cdrwa'
        (New-ZkAcl -ReadOnlyWorld).ToString() | Should -Be 'world:anyone:r'
        [int][ZooKeeperPS.ZkPermission]::All | Should -Be 31
    }

    It 'takes zkCli''s permission letters as well as the names, and shows the letters zkCli prints' {
        (New-ZkAcl -Permission cdrwa).Permissions | Should -Be ([ZooKeeperPS.ZkPermission]::All)
        (New-ZkAcl -Permission rw).Permissions | Should -Be ([ZooKeeperPS.ZkPermission]'Read, Write')
        (New-ZkAcl -Ip 127.0.0.1 -Permission RA).Permissions | Should -Be ([ZooKeeperPS.ZkPermission]'Read, Admin')
        (New-ZkAcl -Permission r, w).Permissions | Should -Be ([ZooKeeperPS.ZkPermission]'Read, Write')
        (New-ZkAcl -Permission 'Read, Delete').Permissions | Should -Be ([ZooKeeperPS.ZkPermission]'Read, Delete')
        (New-ZkAcl -Permission ([ZooKeeperPS.ZkPermission]::Create)).Letters | Should -BeExactly 'c'
        (New-ZkAcl -Permission wr).Letters | Should -BeExactly 'rw'
        (New-ZkAcl).Letters | Should -BeExactly 'cdrwa'
        (New-ZkAcl | Format-Table | Out-String) | Should -Match 'Letters[\s\S]*cdrwa'
    }

    It 'refuses a permission string that is neither letters nor names, naming the wrong letter' {
        { New-ZkAcl -Permission rwx } | Should -Throw -ExpectedMessage "*'x' is not a permission letter*c (Create), d (Delete), r (Read), w (Write), a (Admin)*"
        { New-ZkAcl -Permission Raed } | Should -Throw -ExpectedMessage "*'e' is not a permission letter*"
        { New-ZkAcl -Permission rwx } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,ZooKeeperPS.Commands.NewZkAclCommand'
    }

    It 'rejects an address that is not one, before any server is involved' {
        { New-ZkAcl -Ip 10.0.0.300 } | Should -Throw -ErrorId 'ZooKeeper.InvalidIpAddress,ZooKeeperPS.Commands.NewZkAclCommand'
        { New-ZkAcl -Ip 10.0.0.0/33 } | Should -Throw -ErrorId 'ZooKeeper.InvalidIpAddress,ZooKeeperPS.Commands.NewZkAclCommand'
    }
}

Describe 'Get-ZkAcl' {
    BeforeEach {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode "$root/a/b" -MakePath
    }

    It 'shows the digest ACL that kazoo set with make_digest_acl, to a session with the same credentials' {
        Invoke-Kazoo "zk.create(sys.argv[3], b'k', acl=[make_digest_acl('alice', sys.argv[4], all=True)])" "$root/kazoo", $secret

        $entries = @(Get-ZkAcl "$root/kazoo" -Session $asAlice)

        $entries.Count | Should -Be 1
        $entries[0].Path | Should -Be "$root/kazoo"
        $entries[0].Scheme | Should -Be 'digest'
        $entries[0].Id | Should -BeExactly (New-ZkAcl -Digest -Credential $alice).Id
        $entries[0].Permissions | Should -Be ([ZooKeeperPS.ZkPermission]::All)
        $entries[0].AclVersion | Should -Be 0
        $entries[0].PSObject.TypeNames[0] | Should -Be 'ZooKeeperPS.ZkAclEntry'
    }

    It 'takes paths from the pipeline by value and by property name' {
        @('/', "$root/a" | Get-ZkAcl).Path | Should -Be '/', "$root/a"
        (Get-ZkChildItem $root | Get-ZkAcl).Path | Should -Be "$root/a"
    }

    It 'reads the node and every node below it with -Recurse, in walk order' {
        $null = New-ZkNode "$root/a/c"

        (Get-ZkAcl "$root/a" -Recurse).Path | Should -Be "$root/a", "$root/a/b", "$root/a/c"
    }

    It 'reports a missing node once, as NoNode, with -Recurse' {
        $errors = $null
        $entries = Get-ZkAcl "$root/missing" -Recurse -ErrorAction SilentlyContinue -ErrorVariable errors

        $entries | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoNode,ZooKeeperPS.Commands.GetZkAclCommand'
    }
}

Describe 'Set-ZkAcl' {
    BeforeEach {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode "$root/a/b" -MakePath
    }

    It 'sets a digest ACL that kazoo with the same credentials can use and kazoo without them cannot' {
        Set-ZkAcl "$root/a" -Acl (New-ZkAcl -Digest -Credential $alice), (New-ZkAcl -World -Permission Read)

        $kazoo = Invoke-Kazoo @"
acls, stat = zk.get_acls(sys.argv[3])
print(sorted((a.id.scheme, a.id.id, a.perms) for a in acls))
print(stat.aversion)
zk.set(sys.argv[3], b'by alice')
print(zk.get(sys.argv[3])[0].decode())
"@ "$root/a" -Auth "alice:$secret"
        $expected = "[('digest', '$((New-ZkAcl -Digest -Credential $alice).Id)', 31), ('world', 'anyone', 1)]"
        $kazoo[0] | Should -BeExactly $expected
        $kazoo[1] | Should -Be 1
        $kazoo[2] | Should -Be 'by alice'

        Invoke-Kazoo "from kazoo.exceptions import NoAuthError`ntry:`n    zk.set(sys.argv[3], b'x')`nexcept NoAuthError:`n    print('denied')" "$root/a" |
            Should -Be 'denied'
    }

    It 'takes the ACL from the pipeline: New-ZkAcl entries, or Get-ZkAcl entries for their own path' {
        New-ZkAcl -World -Permission Read | Set-ZkAcl "$root/a"
        (Get-ZkAcl "$root/a").ToString() | Should -Be 'world:anyone:r'

        Set-ZkAcl "$root/a/b" -Acl (New-ZkAcl -World), (New-ZkAcl -Ip 127.0.0.1)
        Get-ZkAcl "$root/a/b" | Where-Object Scheme -eq ip | Set-ZkAcl
        @(Get-ZkAcl "$root/a/b").ForEach({ "$_" }) | Should -Be 'ip:127.0.0.1:cdrwa'
    }

    It 'sets the ACL only at the expected -Version, and fails with BadVersion otherwise' {
        Set-ZkAcl "$root/a" -Acl (New-ZkAcl -World) -Version 0
        (Get-ZkAcl "$root/a").AclVersion | Should -Be 1

        $errors = $null
        Set-ZkAcl "$root/a" -Acl (New-ZkAcl -ReadOnlyWorld) -Version 0 -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.BadVersion,ZooKeeperPS.Commands.SetZkAclCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errors[0].TargetObject | Should -Be "$root/a"
        $errors[0].ErrorDetails.Message | Should -Match 'ACL version is not 0'
        (Get-ZkAcl "$root/a").ToString() | Should -Be 'world:anyone:cdrwa'
    }

    It 'refuses -Version with -Recurse' {
        { Set-ZkAcl $root -Acl (New-ZkAcl) -Version 0 -Recurse } |
            Should -Throw -ErrorId 'ZooKeeper.VersionWithRecurse,ZooKeeperPS.Commands.SetZkAclCommand'
    }

    It 'sets the whole subtree with -Recurse, even an ACL that takes away the right to list it' {
        Set-ZkAcl $root -Acl (New-ZkAcl -Digest -Credential $alice) -Recurse

        { Get-ZkChildItem $root -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoAuth,ZooKeeperPS.Commands.GetZkChildItemCommand'
        $entries = Get-ZkAcl $root -Recurse -Session $asAlice
        $entries.Path | Should -Be $root, "$root/a", "$root/a/b"
        $entries.Scheme | Sort-Object -Unique | Should -Be 'digest'
    }

    It 'changes nothing with -WhatIf' {
        Set-ZkAcl $root -Acl (New-ZkAcl -ReadOnlyWorld) -Recurse -WhatIf
        Set-ZkAcl "$root/a" -Acl (New-ZkAcl -ReadOnlyWorld) -WhatIf

        $entries = Get-ZkAcl $root -Recurse
        $entries.Path | Should -Be $root, "$root/a", "$root/a/b"
        $entries.ForEach({ "$_ $($_.AclVersion)" }) | Sort-Object -Unique | Should -Be 'world:anyone:cdrwa 0'
    }

    It 'is denied with NoAuth (PermissionDenied) naming the path, the operation and the permission' {
        Set-ZkAcl "$root/a" -Acl (New-ZkAcl -ReadOnlyWorld)
        $errors = $null

        Set-ZkAcl "$root/a" -Acl (New-ZkAcl) -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoAuth,ZooKeeperPS.Commands.SetZkAclCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $errors[0].TargetObject | Should -Be "$root/a"
        $errors[0].ErrorDetails.Message | Should -Match ([regex]::Escape("NoAuth for $root/a"))
        $errors[0].ErrorDetails.Message | Should -Match 'Set-ZkAcl changes the node''s ACL, which needs the Admin permission'
    }

    It 'names the operation in the denials of the node cmdlets too' {
        Set-ZkAcl "$root/a" -Acl (New-ZkAcl -ReadOnlyWorld)
        $errors = $null

        Set-ZkNode "$root/a" 'x' -ErrorAction SilentlyContinue -ErrorVariable errors
        New-ZkNode "$root/a/new" -ErrorAction SilentlyContinue -ErrorVariable +errors

        $errors.FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoAuth,ZooKeeperPS.Commands.SetZkNodeCommand', 'ZooKeeper.NoAuth,ZooKeeperPS.Commands.NewZkNodeCommand'
        $errors[0].ErrorDetails.Message | Should -Match 'Set-ZkNode writes the node''s data, which needs the Write permission'
        $errors[1].ErrorDetails.Message | Should -Match 'New-ZkNode creates a node, which needs the Create permission on its parent'
    }
}

Describe 'New-ZkNode -Acl' {
    It 'creates the node with the ACL, and the -MakePath parents with the open ACL' {
        $root = Get-TestUniqueRoot

        $null = New-ZkNode "$root/p/locked" -MakePath -Acl (New-ZkAcl -Ip 127.0.0.1 -Permission Read, Admin), (New-ZkAcl -ReadOnlyWorld)

        @(Get-ZkAcl "$root/p/locked").ForEach({ "$_" }) | Should -Be 'ip:127.0.0.1:ra', 'world:anyone:r'
        (Get-ZkAcl $root, "$root/p").ForEach({ "$_" }) | Should -Be 'world:anyone:cdrwa', 'world:anyone:cdrwa'
        Invoke-Kazoo "print(sorted((a.id.scheme, a.id.id, a.perms) for a in zk.get_acls(sys.argv[3])[0]))" "$root/p/locked" |
            Should -BeExactly "[('ip', '127.0.0.1', 17), ('world', 'anyone', 1)]"
    }
}

Describe 'Add-ZkAuthentication and Get-ZkIdentity' {
    It 'authenticates a live session, which can then use a node only alice may use' {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root
        Invoke-Kazoo "zk.create(sys.argv[3], b'for alice', acl=[make_digest_acl('alice', sys.argv[4], all=True)])" "$root/alice", $secret
        $other = $toAuthenticate
        { Get-ZkNode "$root/alice" -Session $other -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoAuth,ZooKeeperPS.Commands.GetZkNodeCommand'

        Add-ZkAuthentication -Credential $alice -Session $other

        (Get-ZkNode "$root/alice" -Session $other).Value | Should -Be 'for alice'
    }

    It 'lists the session''s identities from whoAmI: its address, and each digest user added' {
        $other = $toAskWhoAmI
        @(Get-ZkIdentity -Session $other).ForEach({ "$_" }) | Should -Be 'ip:127.0.0.1'

        Add-ZkAuthentication $alice -Session $other
        $identities = Get-ZkSession | Where-Object Id -eq $other.Id | Get-ZkIdentity

        $identities.ForEach({ "$_" }) | Sort-Object | Should -Be 'digest:alice', 'ip:127.0.0.1'
        $identities.Session | Sort-Object -Unique Id | Should -Be $other
    }

    It 'turns a -CreatorAll entry into the digest identities of the creating session' {
        $root = Get-TestUniqueRoot

        $null = New-ZkNode "$root/mine" -MakePath -Acl (New-ZkAcl -CreatorAll) -Session $asAlice

        (Get-ZkAcl "$root/mine" -Session $asAlice).ToString() | Should -Be ((New-ZkAcl -Digest -Credential $alice).ToString())
    }

    It 'keeps the identity across a reconnect: the client sends the credentials again' {
        $root = Get-TestUniqueRoot
        Add-ZkAuthentication $alice -Session $toReconnect
        $null = New-ZkNode $root -Value 'kept' -Acl (New-ZkAcl -Digest -Credential $alice) -Session $toReconnect

        $zk.Kill()
        Wait-Until { $toReconnect.State -ne 'Connected' } 15 'the session noticed that its server went away'
        $zk.Start()
        try {
            Wait-Until { $toReconnect.State -eq 'Connected' } 30 'the session reconnected'
        }
        catch {
            throw "$_`nThe session's connection log:`n$((Get-TestConnectionLog $toReconnect) -join "`n")`nThe server's log ends with:`n$((Get-Content $zk.LogFile -Tail 60) -join "`n")"
        }

        @(Get-ZkIdentity -Session $toReconnect).ForEach({ "$_" }) | Should -Contain 'digest:alice'
        (Get-ZkNode $root -Session $toReconnect).Value | Should -Be 'kept'
    }
}

Describe 'Secrets' {
    It 'never shows the password: output, every stream with -Verbose, errors, ToString, the session, the transcript' {
        $root = Get-TestUniqueRoot
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $null = Start-Transcript -Path $transcript
        try {
            $other = Connect-ZooKeeper $zk.ConnectionString -Credential $alice -Verbose 4>&1
            $streams = @(& {
                    $other
                    New-ZkAcl -Digest -Credential $alice -Verbose
                    Add-ZkAuthentication $alice -Session $other[-1] -Verbose
                    Get-ZkIdentity -Session $other[-1] -Verbose
                    New-ZkNode "$root/s" -MakePath -Acl (New-ZkAcl -Digest -Credential $alice -Permission Read) -Session $other[-1] -Verbose
                    Set-ZkAcl "$root/s" -Acl (New-ZkAcl -Digest -Credential $alice) -WhatIf -Verbose -Session $other[-1]
                    Set-ZkNode "$root/s" 'denied' -Session $other[-1] -Verbose -ErrorAction Continue
                } *>&1)
            # A user name the digest scheme cannot take: a terminating error.
            $streams += try { Add-ZkAuthentication ([pscredential]::new('al:ice', $alice.Password)) -Session $other[-1] } catch { $_ }
            $streams | Out-Host
        }
        finally {
            $null = Stop-Transcript
        }
        $other = $other[-1]
        $errors = @($streams | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -BeGreaterOrEqual 2   # the denied write and the bad user name

        $seen = @(
            $streams | Out-String
            $streams | ForEach-Object { "$_" }
            $errors | Format-List * -Force | Out-String
            $errors.Exception | Format-List * -Force | Out-String
            Get-ZkSession | Format-List * | Out-String
            Get-ZkSession | Format-List * -Force | Out-String
            "$other"
            Get-Content $transcript -Raw
        ) -join "`n"
        $seen | Should -Match 'alice'   # what was searched did include the user's name
        $seen | Should -Not -Match ([regex]::Escape($secret))
        Disconnect-ZooKeeper $other
    }
}

Describe 'The help examples of the ACL cmdlets' {
    It 'run as written on a fresh server, in order, without an error' {
        $help = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../src/ZooKeeperPS/HelpSource.psd1')
        $fresh = Start-TestZooKeeper -Dedicated
        try {
            $freshSession = Connect-ZooKeeper $fresh.ConnectionString
            foreach ($name in 'Get-ZkAcl', 'Set-ZkAcl', 'New-ZkAcl', 'Add-ZkAuthentication', 'Get-ZkIdentity') {
                foreach ($example in $help[$name].Examples) {
                    $code = "`$ErrorActionPreference = 'Stop'; `$WhatIfPreference = `$false`n" + $example.Code
                    { $null = & ([scriptblock]::Create($code)) } | Should -Not -Throw -Because "the example of $name runs: $($example.Code)"
                }
            }
            (Get-ZkAcl /app/bob).Scheme | Sort-Object -Unique | Should -Be 'digest'
        }
        finally {
            Get-ZkSession | Where-Object ConnectionString -eq $fresh.ConnectionString | Disconnect-ZooKeeper
            Stop-TestZooKeeper $fresh
        }
    }
}
