# Connect-ZooKeeper -UseTls against real TLS servers: read, write and watch over TLS; the CA as a file or an object;
# refused server certificates (wrong CA, expired, wrong host name) with a clear error, and accepted with
# -SkipCertificateCheck; mutual TLS with x509 ACLs; client certificates from PFX and PEM; the PFX password in no output.
# The server cmdlets over TLS, and an HTTPS-only AdminServer (admin.forceHttps).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $certs = [ZooKeeperPS.TestHarness.TestCertificates]::Create()
    $alice = $certs.CreateClientCertificate('alice')
    $bob = $certs.CreateClientCertificate('bob')
    $tls = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone([Action[ZooKeeperPS.TestHarness.ZooKeeperServerOptions]] {
            param($options)
            $options.Tls = [ZooKeeperPS.TestHarness.TlsServerSettings]::new($certs)
        })
    $mutual = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone([Action[ZooKeeperPS.TestHarness.ZooKeeperServerOptions]] {
            param($options)
            $settings = [ZooKeeperPS.TestHarness.TlsServerSettings]::new($certs)
            $settings.ClientAuth = 'Need'
            $options.Tls = $settings
        })

    function ConvertTo-Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
    $mutual.Dispose()
    $tls.Dispose()
    $certs.Dispose()
}

Describe 'Connect-ZooKeeper -UseTls' {
    AfterEach {
        Get-ZkSession | Disconnect-ZooKeeper
    }

    It 'reads, writes and watches over TLS, and the session says it uses TLS' {
        $root = Get-TestUniqueRoot
        $id = "tls-$([guid]::NewGuid())"
        $session = Connect-ZooKeeper $tls.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath

        New-ZkNode $root -Value 'over-tls'
        Register-ZkWatch $root -SourceIdentifier $id
        Set-ZkNode $root -Value 'changed'
        $event = Wait-Event -SourceIdentifier $id -Timeout 10
        Unregister-Event -SourceIdentifier $id

        $session.Tls | Should -BeTrue
        $session.Server | Should -Be $tls.SecureConnectionString
        (Get-ZkNode $root).Value | Should -Be 'changed'
        $event | Should -Not -BeNullOrEmpty
        $event.SourceEventArgs.EventType | Should -Be 'NodeDataChanged'
    }

    It 'takes the CA as an X509Certificate2 object too' {
        $ca = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($certs.CaCertificatePath)

        $session = Connect-ZooKeeper $tls.SecureConnectionString -UseTls -CertificateAuthority $ca

        $session.State | Should -Be 'Connected'
        (Get-ZkChildItem / -Name) | Should -Contain 'zookeeper'
    }

    It 'says the session is plain when -UseTls is not given' {
        (Connect-ZooKeeper $tls.ConnectionString).Tls | Should -BeFalse
    }

    It 'refuses the TLS parameters without -UseTls' {
        { Connect-ZooKeeper $tls.SecureConnectionString -SkipCertificateCheck } |
            Should -Throw -ErrorId 'ZooKeeper.TlsParameterWithoutUseTls,ZooKeeperPS.Commands.ConnectZooKeeperCommand'
    }

    It 'reports a CA file that does not exist, naming it' {
        { Connect-ZooKeeper $tls.SecureConnectionString -UseTls -CertificateAuthority 'TestDrive:/missing-ca.pem' } |
            Should -Throw -ErrorId 'ZooKeeper.TlsCertificateUnreadable,ZooKeeperPS.Commands.ConnectZooKeeperCommand' -ExpectedMessage '*missing-ca.pem does not exist*'
    }

    It 'does not trust the test CA by the machine trust store alone' {
        { Connect-ZooKeeper $tls.SecureConnectionString -UseTls -ConnectTimeout 20 } |
            Should -Throw -ErrorId 'ZooKeeper.TlsAuthenticationFailed,ZooKeeperPS.Commands.ConnectZooKeeperCommand' -ExpectedMessage '*the server certificate for 127.0.0.1 is not trusted*'
    }
}

Describe 'Connect-ZooKeeper -UseTls with a bad server certificate' {
    It 'refuses the <Kind> certificate at once saying "<Reason>", connects beside a good member, and with -SkipCertificateCheck and a warning' -ForEach @(
        @{ Kind = 'expired'; Reason = 'has expired' }
        @{ Kind = 'wrong-host'; Reason = 'does not match the host name 127.0.0.1' }
        @{ Kind = 'unknown-ca'; Reason = 'is not trusted' }
    ) {
        $presented = switch ($Kind) {
            'expired' { $certs.CreateExpiredServerCertificate() }
            'wrong-host' { $certs.CreateWrongHostServerCertificate() }
            default { $certs.CreateUnknownCaServerCertificate() }
        }
        $settings = [ZooKeeperPS.TestHarness.TlsServerSettings]::new($certs)
        $settings.ServerCertificate = $presented
        $server = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone([Action[ZooKeeperPS.TestHarness.ZooKeeperServerOptions]] {
                param($options)
                $options.Tls = $settings
            }.GetNewClosure())
        try {
            # Refused at once, not after the connect timeout: the bound is half of a generous 20 s, not a speed test.
            $watch = [Diagnostics.Stopwatch]::StartNew()
            { Connect-ZooKeeper $server.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath -ConnectTimeout 20 } |
                Should -Throw -ErrorId 'ZooKeeper.TlsAuthenticationFailed,ZooKeeperPS.Commands.ConnectZooKeeperCommand' -ExpectedMessage "*the server certificate for 127.0.0.1 $Reason*"
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10

            # With a good member beside it the session opens there: only a refusal by every member fails at once.
            $both = Connect-ZooKeeper "$($server.SecureConnectionString),$($tls.SecureConnectionString)" -UseTls -CertificateAuthority $certs.CaCertificatePath
            $both.Server | Should -Be $tls.SecureConnectionString
            $both | Disconnect-ZooKeeper

            $session = Connect-ZooKeeper $server.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath -SkipCertificateCheck -WarningVariable warnings -WarningAction SilentlyContinue
            $session.State | Should -Be 'Connected'
            $session.Tls | Should -BeTrue
            $warnings | Should -HaveCount 1
            "$warnings" | Should -BeLike '*-SkipCertificateCheck*not checked*'
            $session | Disconnect-ZooKeeper
        }
        finally {
            $server.Dispose()
        }
    }
}

Describe 'Connect-ZooKeeper -UseTls -Certificate (mutual TLS)' {
    BeforeAll {
        # The node is made with the library's own client (the ACL cmdlets come separately): all for alice's certificate.
        $path = Get-TestUniqueRoot
        $transport = [ZooKeeperPS.Client.TlsTransport]::new()
        $transport.CertificateAuthorities.Add([System.Security.Cryptography.X509Certificates.X509Certificate2]::new($certs.CaCertificatePath))
        $transport.ClientCertificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($alice.PfxPath, $alice.PfxPassword)
        $options = [ZooKeeperPS.Client.ZooKeeperClientOptions]@{ ConnectionString = $mutual.SecureConnectionString; Transport = $transport }
        $client = [ZooKeeperPS.Client.ZooKeeperClient]::ConnectAsync($options, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $acl = [ZooKeeperPS.Client.Acl[]]@([ZooKeeperPS.Client.Acl]::new('All', [ZooKeeperPS.Client.Id]::new('x509', $alice.Subject)))
        $null = $client.CreateAsync($path, [Text.Encoding]::UTF8.GetBytes('for-alice'), 'Persistent', $acl, $null, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $client.Dispose()
    }

    AfterEach {
        Get-ZkSession | Disconnect-ZooKeeper
    }

    It 'admits the certificate an x509 ACL names (from a PFX file with its password)' {
        $session = Connect-ZooKeeper $mutual.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath `
            -Certificate $alice.PfxPath -CertificatePassword (ConvertTo-Secret $alice.PfxPassword)

        (Get-ZkNode $path -Session $session).Value | Should -Be 'for-alice'
    }

    It 'admits it from a PEM certificate with its key in another file, or in the same file' {
        $combined = Join-Path $TestDrive 'alice-with-key.pem'
        (Get-Content $alice.CertificatePath -Raw) + (Get-Content $alice.KeyPath -Raw) | Set-Content $combined -NoNewline

        $separate = Connect-ZooKeeper $mutual.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath `
            -Certificate $alice.CertificatePath -CertificateKeyPath $alice.KeyPath
        $together = Connect-ZooKeeper $mutual.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath -Certificate $combined

        (Get-ZkNode $path -Session $separate).Value | Should -Be 'for-alice'
        (Get-ZkNode $path -Session $together).Value | Should -Be 'for-alice'
    }

    It 'refuses another certificate of the same CA with NoAuth (given as an X509Certificate2 object)' {
        $certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($bob.PfxPath, $bob.PfxPassword)
        $session = Connect-ZooKeeper $mutual.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath -Certificate $certificate

        { Get-ZkNode $path -Session $session -ErrorAction Stop } |
            Should -Throw -ErrorId 'ZooKeeper.NoAuth,ZooKeeperPS.Commands.GetZkNodeCommand'
    }

    It 'fails clearly, and at once, without a client certificate' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        { Connect-ZooKeeper $mutual.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath -ConnectTimeout 20 } |
            Should -Throw -ErrorId 'ZooKeeper.TlsAuthenticationFailed,ZooKeeperPS.Commands.ConnectZooKeeperCommand' -ExpectedMessage '*the server requires a client certificate*'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
    }

    It 'reports a wrong PFX password without showing it' {
        $wrong = "not-$($alice.PfxPassword)"
        $failure = { Connect-ZooKeeper $mutual.SecureConnectionString -UseTls -Certificate $alice.PfxPath -CertificatePassword (ConvertTo-Secret $wrong) } |
            Should -Throw -ErrorId 'ZooKeeper.TlsCertificateUnreadable,ZooKeeperPS.Commands.ConnectZooKeeperCommand' -PassThru

        $failure.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape((Split-Path $alice.PfxPath -Leaf)))*"
        ($failure | Format-List * -Force | Out-String) | Should -Not -Match ([regex]::Escape($wrong))
    }

    It 'shows the PFX password in no output stream, host output or session property' {
        $recorder = New-RecordingHost
        $run = Start-InRunspace -TestHost $recorder {
            param($ConnectionString, $Ca, $Pfx, $Password)
            $VerbosePreference = $DebugPreference = $InformationPreference = 'Continue'
            $secret = ConvertTo-SecureString $Password -AsPlainText -Force
            $Password = $null
            Connect-ZooKeeper $ConnectionString -UseTls -CertificateAuthority $Ca -Certificate $Pfx -CertificatePassword $secret -SkipCertificateCheck *>&1 |
                Tee-Object -Variable streams | Out-Default
            $streams | Out-String
            Get-ZkSession | Format-List * -Force | Out-String
            Get-ZkSession | Format-List * -Force | Out-Default
            Get-ZkSession | ConvertTo-Json -Depth 2
            Get-ZkNode / | Out-Default
            Get-ZkSession | Disconnect-ZooKeeper -Verbose *>&1 | Out-String
        } @{ ConnectionString = $mutual.SecureConnectionString; Ca = $certs.CaCertificatePath; Pfx = $alice.PfxPath; Password = $alice.PfxPassword }
        $result = Complete-InRunspace $run -Seconds 60
        $everything = ($result.Output + $result.Errors + $recorder.Lines) -join "`n"

        $result.Errors | Should -BeNullOrEmpty
        $everything | Should -Match 'Tls\s*:\s*True'
        $everything | Should -Match 'SkipCertificateCheck'
        $everything | Should -Not -Match ([regex]::Escape($alice.PfxPassword))
    }
}

Describe 'The server cmdlets over TLS' {
    AfterEach {
        Get-ZkSession | Disconnect-ZooKeeper
    }

    It 'asks srvr and mntr over TLS with the CA of -CertificateAuthority, and with a client certificate for mutual TLS' {
        $server = Get-ZkServer -ConnectionString $tls.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath
        $mutualServer = Get-ZkServer -ConnectionString $mutual.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath `
            -Certificate $alice.PfxPath -CertificatePassword (ConvertTo-Secret $alice.PfxPassword)
        $ruok = Invoke-ZkFourLetterWord ruok -ConnectionString $tls.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath

        $server.Mode | Should -Be 'standalone'
        $server.Source | Should -Be 'srvr+mntr'
        $server.Error | Should -BeNullOrEmpty
        $mutualServer.Mode | Should -Be 'standalone'
        $ruok | Should -BeExactly 'imok'
    }

    It 'reaches the members of a TLS session over TLS, and a server certificate of another CA is the error of its row' {
        $session = Connect-ZooKeeper $tls.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath
        $other = [ZooKeeperPS.TestHarness.TestCertificates]::Create()
        try {
            $fromSession = @(Get-ZkServer -Session $session)
            $refused = Get-ZkServer -ConnectionString $tls.SecureConnectionString -UseTls -CertificateAuthority $other.CaCertificatePath
        }
        finally {
            $other.Dispose()
        }

        $fromSession.Server | Should -Be $tls.SecureConnectionString
        $fromSession[0].Mode | Should -Be 'standalone'
        $refused.Mode | Should -BeNullOrEmpty
        $refused.Error | Should -Not -BeNullOrEmpty
    }

    It 'refuses TLS parameters with a session, whose members are reached as the session reaches them' {
        $session = Connect-ZooKeeper $tls.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath

        { Get-ZkServer -Session $session -UseTls } | Should -Throw -ErrorId 'ZooKeeper.TlsParameterWithSession,ZooKeeperPS.Commands.GetZkServerCommand'
    }
}

Describe 'The AdminServer over HTTPS' {
    BeforeAll {
        # admin.forceHttps: the AdminServer takes HTTPS only, with the ssl.quorum key store (ZooKeeper 3.8's JettyAdminServer).
        $https = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone([Action[ZooKeeperPS.TestHarness.ZooKeeperServerOptions]] {
                param($options)
                $options.Tls = [ZooKeeperPS.TestHarness.TlsServerSettings]::new($certs)
                $options.AdminServer = $true
                $options.Config['admin.forceHttps'] = 'true'
                $options.Config['ssl.quorum.keyStore.location'] = $certs.Server.PfxPath.Replace('\', '/')
                $options.Config['ssl.quorum.keyStore.password'] = $certs.Server.PfxPassword
                $options.Config['ssl.quorum.keyStore.type'] = 'PKCS12'
                $options.Config['ssl.quorum.trustStore.location'] = $certs.CaCertificatePath.Replace('\', '/')
                $options.Config['ssl.quorum.trustStore.type'] = 'PEM'
            })
    }

    AfterAll {
        $https.Dispose()
    }

    It 'asks an HTTPS-only AdminServer with -UseTls, checking its certificate against -CertificateAuthority' {
        $row = Get-ZkServer -ConnectionString $https.SecureConnectionString -UseTls -CertificateAuthority $certs.CaCertificatePath `
            -AdminPort $https.AdminPort -Source AdminServer
        $other = [ZooKeeperPS.TestHarness.TestCertificates]::Create()
        try {
            $refused = Get-ZkServer -ConnectionString $https.SecureConnectionString -UseTls -CertificateAuthority $other.CaCertificatePath `
                -AdminPort $https.AdminPort -Source AdminServer
        }
        finally {
            $other.Dispose()
        }

        $row.Error | Should -BeNullOrEmpty
        $row.Source | Should -Be 'AdminServer'
        $row.Mode | Should -Be 'standalone'
        $row.ZnodeCount | Should -BeGreaterThan 0
        $refused.Mode | Should -BeNullOrEmpty
        $refused.Error | Should -Match 'certificate'
    }

    It 'says that the AdminServer wants TLS when it is asked over plain HTTP' {
        $row = Get-ZkServer -ConnectionString $https.ConnectionString -AdminPort $https.AdminPort -Source AdminServer

        $row.Mode | Should -BeNullOrEmpty
        $row.Error | Should -Match 'in TLS, not HTTP: its AdminServer takes HTTPS only \(admin.forceHttps\), so ask it over TLS'
    }
}
