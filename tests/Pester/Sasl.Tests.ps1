# Connect-ZooKeeper -Authentication SaslDigest and Kerberos against the harness's real SASL servers: a sasl ACL admits
# the logged-in user and refuses others, a wrong password is a terminating AuthFailed error naming DIGEST-MD5, and the
# password is searched for (and not found) in every output stream, the error, the session object and a transcript.
# Kerberos runs in a child pwsh: the system GSSAPI library reads KRB5_CONFIG and KRB5CCNAME from the process
# environment when it first loads.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $modulePath = Join-Path (Import-TestModule).ModuleBase 'ZooKeeperPS.psd1'
    $settings = [ZooKeeperPS.TestHarness.SaslServerSettings]
    $digestServer = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone({ param($o) $o.Sasl = $settings::Digest() })

    function New-TestCredential([string] $user, [string] $password) {
        [pscredential]::new($user, (ConvertTo-SecureString $password -AsPlainText -Force))
    }

    # Creates a node only the sasl user can use, from a client session logged in as that user.
    function New-SaslOnlyNode([string] $path, [string] $saslId) {
        $acl = [ZooKeeperPS.Client.Acl[]]@([ZooKeeperPS.Client.Acl]::new('All', [ZooKeeperPS.Client.Id]::new('sasl', $saslId)))
        $session = Get-ZkSession -Default
        $options = [ZooKeeperPS.Client.ZooKeeperClientOptions]@{ ConnectionString = $session.ConnectionString }
        $options.Sasl = [ZooKeeperPS.Client.SaslOptions]::new('DigestMd5', $settings::DigestUser, (New-TestCredential x $settings::DigestPassword).Password)
        $client = [ZooKeeperPS.Client.ZooKeeperClient]::ConnectAsync($options, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        try {
            $null = $client.CreateAsync($path, [Text.Encoding]::UTF8.GetBytes('for-' + $saslId), 'Persistent', $acl, $null, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        }
        finally { $client.Dispose() }
    }
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
    $digestServer.Dispose()
}

Describe 'Connect-ZooKeeper -Authentication SaslDigest' {
    AfterEach {
        Get-ZkSession | Disconnect-ZooKeeper
    }

    It 'logs in as the SASL user, whom a sasl ACL admits, and refuses another user' {
        $path = Get-TestUniqueRoot
        Connect-ZooKeeper $digestServer.ConnectionString -Authentication SaslDigest -Credential (New-TestCredential $settings::DigestUser $settings::DigestPassword)
        New-SaslOnlyNode $path $settings::DigestUser

        (Get-ZkNode $path).Value | Should -Be 'for-alice'
        (Get-ZkSession -Default).Identities | Should -Contain "sasl:$($settings::DigestUser)"
        Get-ZkSession | Disconnect-ZooKeeper

        Connect-ZooKeeper $digestServer.ConnectionString -Authentication SaslDigest -Credential (New-TestCredential $settings::OtherDigestUser $settings::OtherDigestPassword)
        { Get-ZkNode $path -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoAuth*'
    }

    It 'fails with a terminating AuthFailed error naming DIGEST-MD5 for a wrong password' {
        $failure = $null
        try {
            Connect-ZooKeeper $digestServer.ConnectionString -Authentication SaslDigest -Credential (New-TestCredential alice 'wrong-password')
        }
        catch { $failure = $_ }

        $failure | Should -Not -BeNullOrEmpty
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.Exception.Message | Should -Match 'DIGEST-MD5'
        $failure.Exception.Message | Should -Match 'AuthFailed'
        Get-ZkSession | Should -BeNullOrEmpty
    }

    It 'uses -ServicePrincipal as the digest-uri: the server''s own name works, another is refused' {
        $alice = New-TestCredential $settings::DigestUser $settings::DigestPassword

        (Connect-ZooKeeper $digestServer.ConnectionString -Authentication SaslDigest -Credential $alice -ServicePrincipal zookeeper/zk-sasl-md5).State | Should -Be 'Connected'
        { Connect-ZooKeeper $digestServer.ConnectionString -Authentication SaslDigest -Credential $alice -ServicePrincipal zookeeper/elsewhere } |
            Should -Throw -ErrorId 'ZooKeeper.AuthFailed*'
        { Connect-ZooKeeper $digestServer.ConnectionString -Credential $alice -ServicePrincipal zookeeper/zk-sasl-md5 } |
            Should -Throw -ErrorId 'ZooKeeper.ServicePrincipalWithoutSasl*'
    }

    It 'asks for -Credential when SaslDigest has none' {
        { Connect-ZooKeeper $digestServer.ConnectionString -Authentication SaslDigest } | Should -Throw -ErrorId 'ZooKeeper.CredentialRequired*'
    }

    It 'never shows the password in any stream, the error, the session object or a transcript' {
        $secret = 'Sasl-Secret-' + [guid]::NewGuid().ToString('N')
        $settingsWithSecret = $settings::Digest()
        $settingsWithSecret.DigestUsers['carol'] = $secret
        $server = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone({ param($o) $o.Sasl = $settingsWithSecret })
        $transcript = Join-Path ([IO.Path]::GetTempPath()) ("zkps-sasl-" + [guid]::NewGuid().ToString('N') + '.txt')
        try {
            $null = Start-Transcript -Path $transcript
            $seen = @(
                Connect-ZooKeeper $server.ConnectionString -Authentication SaslDigest -Credential (New-TestCredential carol $secret) -Verbose *>&1 | Out-String
                Get-ZkSession | Format-List * -Force | Out-String
                Get-ZkSession | Out-String
                (Get-ZkSession -Default).ToString()
                Get-ZkSession | Disconnect-ZooKeeper -Verbose *>&1 | Out-String
                try {
                    Connect-ZooKeeper $server.ConnectionString -Authentication SaslDigest -Credential (New-TestCredential carol ($secret + 'x')) -Verbose *>&1 | Out-String
                }
                catch { $_ | Format-List * -Force | Out-String; $_.Exception.ToString(); $_.ScriptStackTrace }
            ) -join "`n"
            $null = Stop-Transcript
            $seen += Get-Content $transcript -Raw

            $seen | Should -Match 'DIGEST-MD5'
            $seen | Should -Match 'carol'
            $seen | Should -Not -Match $secret
        }
        finally {
            Remove-Item $transcript -ErrorAction Ignore
            $server.Dispose()
        }
    }
}

Describe 'Add-ZkAuthentication -Authentication SaslDigest (a SASL login on a live session)' {
    BeforeAll {
        # Drops the session's connection as a network failure would (the client's internal test hook).
        function Disconnect-Connection($session) {
            $client = $session.GetType().GetProperty('Client', [Reflection.BindingFlags]'NonPublic,Instance').GetValue($session)
            $client.GetType().GetMethod('DropConnection', [Reflection.BindingFlags]'NonPublic,Instance').Invoke($client, @())
        }
    }

    AfterEach {
        Get-ZkSession | Disconnect-ZooKeeper
    }

    It 'logs a session that connected without SASL in as the SASL user, shows it in Get-ZkSession, and logs in again after a reconnect' {
        $path = Get-TestUniqueRoot
        $session = Connect-ZooKeeper $digestServer.ConnectionString
        New-SaslOnlyNode $path $settings::DigestUser
        { Get-ZkNode $path -ErrorAction Stop } | Should -Throw -ErrorId 'ZooKeeper.NoAuth*'

        Add-ZkAuthentication -Authentication SaslDigest -Credential (New-TestCredential $settings::DigestUser $settings::DigestPassword)

        (Get-ZkNode $path).Value | Should -Be 'for-alice'
        (Get-ZkSession -Default).Identities | Should -Contain "sasl:$($settings::DigestUser)"
        $id = $session.Id
        Disconnect-Connection $session
        # A read may meet the dropped connection (ConnectionLoss); a NoAuth would mean the login was not redone.
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        do {
            $value = $null
            try { $value = (Get-ZkNode $path -ErrorAction Stop).Value }
            catch { $_.FullyQualifiedErrorId | Should -BeLike 'ZooKeeper.ConnectionLoss*'; Start-Sleep -Milliseconds 100 }
        } while ($null -eq $value -and [DateTime]::UtcNow -lt $deadline)
        $value | Should -Be 'for-alice'
        $session.Id | Should -Be $id
    }

    It 'fails with a terminating AuthFailed error naming DIGEST-MD5 for a wrong password, and keeps the session' {
        $session = Connect-ZooKeeper $digestServer.ConnectionString
        $failure = $null
        try {
            Add-ZkAuthentication -Authentication SaslDigest -Credential (New-TestCredential $settings::DigestUser 'wrong-password')
            'not reached'
        }
        catch { $failure = $_ }

        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -Be 'ZooKeeper.AuthFailed,ZooKeeperPS.Commands.AddZkAuthenticationCommand'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.Exception.Message | Should -BeLike "*SASL DIGEST-MD5 login as 'alice'*"
        ($failure | Format-List * -Force | Out-String) | Should -Not -Match 'wrong-password'
        # The server dropped that connection; the session reconnects by itself, without the login.
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        do {
            $root = $null
            try { $root = Get-ZkNode / -ErrorAction Stop }
            catch { $_.FullyQualifiedErrorId | Should -BeLike 'ZooKeeper.ConnectionLoss*'; Start-Sleep -Milliseconds 100 }
        } while ($null -eq $root -and [DateTime]::UtcNow -lt $deadline)
        $root | Should -Not -BeNullOrEmpty
        $session.State | Should -Be 'Connected'
        $session.Identities | Should -BeNullOrEmpty
    }

    It 'refuses a second SASL login on a session that has one' {
        $alice = New-TestCredential $settings::DigestUser $settings::DigestPassword
        $null = Connect-ZooKeeper $digestServer.ConnectionString -Authentication SaslDigest -Credential $alice

        { Add-ZkAuthentication -Authentication SaslDigest -Credential $alice } |
            Should -Throw -ErrorId 'ZooKeeper.SaslLoginExists,ZooKeeperPS.Commands.AddZkAuthenticationCommand' -ExpectedMessage '*already has a SASL login (DIGEST-MD5 as alice)*'
        (Get-ZkSession -Default).State | Should -Be 'Connected'
    }

    It 'asks for -Credential for SaslDigest, and takes -Scheme digest as before' {
        $null = Connect-ZooKeeper $digestServer.ConnectionString
        { Add-ZkAuthentication -Authentication SaslDigest } | Should -Throw -ErrorId 'ZooKeeper.CredentialRequired*'

        Add-ZkAuthentication -Scheme digest -Credential (New-TestCredential carol 'carol-secret')
        (Get-ZkSession -Default).Identities | Should -Contain 'digest:carol'
    }
}

Describe 'Connect-ZooKeeper -Authentication Kerberos' {
    BeforeAll {
        $kdc = [ZooKeeperPS.TestHarness.KerberosKdc]::Start()
        $kerberosServer = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone({ param($o) $o.Sasl = $settings::Kerberos($kdc) })

        # Runs $script in a child pwsh with the KDC's client environment (its krb5.conf and $cache) and the module imported.
        function Invoke-KerberosChild([string] $script, [string] $cache = $kdc.CredentialCachePath, [hashtable] $arguments = @{}) {
            $environment = $kdc.EnvironmentFor($cache)
            $saved = @{}
            foreach ($name in $environment.Keys) {
                $saved[$name] = [Environment]::GetEnvironmentVariable($name)
                [Environment]::SetEnvironmentVariable($name, $environment[$name])
            }
            try {
                $argumentsText = ($arguments.GetEnumerator() | ForEach-Object { "`$$($_.Key) = '$($_.Value)'" }) -join '; '
                & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$modulePath'; $argumentsText; $script" 2>&1 | Out-String
            }
            finally {
                foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            }
        }
    }

    AfterAll {
        $kerberosServer.Dispose()
        $kdc.Dispose()
    }

    It 'logs in with the current ticket as the principal a sasl ACL admits; another principal is refused' {
        $path = Get-TestUniqueRoot
        $create = @'
Connect-ZooKeeper $hosts -Authentication Kerberos -ErrorAction Stop
$acl = [ZooKeeperPS.Client.Acl[]]@([ZooKeeperPS.Client.Acl]::new('All', [ZooKeeperPS.Client.Id]::new('sasl', $principal)))
$options = [ZooKeeperPS.Client.ZooKeeperClientOptions]@{ ConnectionString = $hosts }
$options.Sasl = [ZooKeeperPS.Client.SaslOptions]::new('Gssapi', $null, $null)
$client = [ZooKeeperPS.Client.ZooKeeperClient]::ConnectAsync($options, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
$null = $client.CreateAsync($path, [Text.Encoding]::UTF8.GetBytes('for-kerberos'), 'Persistent', $acl, $null, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
$client.Dispose()
'READ ' + (Get-ZkNode $path -ErrorAction Stop).Value
'@
        $read = 'Connect-ZooKeeper $hosts -Authentication Kerberos -ErrorAction Stop; try { Get-ZkNode $path -ErrorAction Stop } catch { ''REFUSED '' + $_.FullyQualifiedErrorId }'
        $arguments = @{ hosts = $kerberosServer.LocalhostConnectionString; path = $path; principal = $kdc.Client.Name }
        $carol = $kdc.AddPrincipal('carol', 'carol-kerberos-secret')

        $alice = Invoke-KerberosChild $create -arguments $arguments
        $other = Invoke-KerberosChild $read -cache $kdc.Kinit($carol) -arguments $arguments

        $alice | Should -Match 'READ for-kerberos'
        $other | Should -Match 'REFUSED ZooKeeper\.NoAuth'
    }

    It 'logs in with -Credential (a password login) without a ticket in the cache' {
        $script = @'
$credential = [pscredential]::new($principal, (ConvertTo-SecureString $password -AsPlainText -Force))
$session = Connect-ZooKeeper $hosts -Authentication Kerberos -Credential $credential -ErrorAction Stop
'STATE ' + $session.State
'@
        $arguments = @{ hosts = $kerberosServer.LocalhostConnectionString; principal = $kdc.Client.Name; password = $kdc.Client.Password }

        $output = Invoke-KerberosChild $script -cache (Join-Path $kdc.Directory 'empty.ccache') -arguments $arguments

        $output | Should -Match 'STATE Connected'
    }

    It 'asks for the -ServicePrincipal given, not one named after the address dialled' {
        $script = @'
Connect-ZooKeeper $address -Authentication Kerberos -ServicePrincipal zookeeper/localhost -ErrorAction Stop | Out-Null
'BY NAME ' + (Get-ZkSession -Default).State
try { Connect-ZooKeeper $address -Authentication Kerberos -ConnectTimeout 10 -ErrorAction Stop } catch { 'BY ADDRESS ' + $_.CategoryInfo.Category }
'@
        $arguments = @{ address = $kerberosServer.ConnectionString }

        $output = Invoke-KerberosChild $script -arguments $arguments

        $kerberosServer.ConnectionString | Should -Match '^127\.0\.0\.1:'
        $output | Should -Match 'BY NAME Connected'
        $output | Should -Match 'BY ADDRESS AuthenticationError'
    }

    It 'fails with a terminating AuthFailed error naming GSSAPI when there is no ticket' {
        $script = 'try { Connect-ZooKeeper $hosts -Authentication Kerberos -ConnectTimeout 10 -ErrorAction Stop } catch { ''FAILED '' + $_.CategoryInfo.Category + '' '' + $_.Exception.Message }'

        $output = Invoke-KerberosChild $script -cache (Join-Path $kdc.Directory 'no-such.ccache') -arguments @{ hosts = $kerberosServer.LocalhostConnectionString }

        $output | Should -Match 'FAILED AuthenticationError'
        $output | Should -Match 'GSSAPI'
    }
}
