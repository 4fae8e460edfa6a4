#Requires -Version 7.2
<#
.SYNOPSIS
Builds, tests, demonstrates and packages ZooKeeperPS.

.DESCRIPTION
Tasks:
  Build    compiles src/ZooKeeperPS (and the test harness) and assembles the importable module in out/ZooKeeperPS.
  Test     Build and Package, then the xunit tests and the Pester tests (in two lanes) against real ZooKeeper servers,
           all at the same time (scripts/TestSuites.ps1); ends with one line 'N passed, N failed, N skipped' over all
           suites and exits non-zero on any failure.
  Demo     Build, start a throwaway local ZooKeeper, run demo/Tour.ps1 against it, stop the server.
  Package  Build, then publish out/ZooKeeperPS to a temporary local repository and keep the .nupkg in out/.

Prerequisites it installs itself: Pester (restored from NuGet into .tools/) and, on Debian-like systems as root,
the 'zookeeper' package when no ZooKeeper is found through ZOOKEEPER_CLASSPATH, ZOOKEEPER_HOME or Debian's jars,
for Test the 'python3-kazoo' package (kazoo is the tests' reference client) when /usr/bin/python3 lacks it, and
what the security test servers need when it is missing: libnetty-java, openssl, krb5-user, krb5-kdc,
krb5-admin-server (kadmin.local only; the harness runs its own KDC, no service is used), python3-pure-sasl and
python3-kerberos.
Run 'dotnet tool restore' once first so that 'dotnet pwsh' exists.

.EXAMPLE
dotnet tool restore; dotnet pwsh -NoProfile -File build.ps1 Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'ZooKeeperPS'
$HarnessOut = Join-Path $Out 'TestHarness'
$Tools = Join-Path $Root '.tools'
$Manifest = Join-Path $Root 'ZooKeeperPS.psd1'
$PesterVersion = '5.7.1'
. (Join-Path $Root 'scripts/DebianPackages.ps1')   # Install-DebianPackage, Test-Python
. (Join-Path $Root 'scripts/TestSuites.ps1')       # Invoke-TestSuites

function Invoke-Native {
    # Runs a program and turns a non-zero exit code into an error.
    # Its output goes to the host, so that it never mixes into a function's return value.
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Get-ModuleVersion {
    (Import-PowerShellDataFile $Manifest).ModuleVersion
}

function Invoke-Build {
    Build-TestHarness
    Build-Module
}

function Build-TestHarness {
    Write-Host 'Building the test harness' -ForegroundColor Cyan
    if (Test-Path $HarnessOut) { Remove-Item $HarnessOut -Recurse -Force }
    Invoke-Native dotnet @('build', (Join-Path $Root 'tests/ZooKeeperPS.TestHarness'), '-c', $Configuration,
        '-o', $HarnessOut, '-nologo', '-v:quiet', '-clp:NoSummary')
}

function Build-Module {
    $version = Get-ModuleVersion
    Write-Host "Building ZooKeeperPS $version ($Configuration)" -ForegroundColor Cyan
    $buildOut = Join-Path $Out 'build/ZooKeeperPS'
    foreach ($folder in $buildOut, $ModuleOut) {
        if (Test-Path $folder) { Remove-Item $folder -Recurse -Force }
    }
    Invoke-Native dotnet @('build', (Join-Path $Root 'src/ZooKeeperPS'), '-c', $Configuration, "-p:Version=$version",
        '-o', $buildOut, '-nologo', '-v:quiet', '-clp:NoSummary')

    # The module folder: manifest, the two assemblies, format and types files, help.
    $null = New-Item $ModuleOut -ItemType Directory
    Copy-Item $Manifest, (Join-Path $Root 'LICENSE') $ModuleOut
    Copy-Item (Join-Path $buildOut 'ZooKeeperPS.dll'), (Join-Path $buildOut 'ZooKeeperPS.Client.dll') $ModuleOut
    $source = Join-Path $Root 'src/ZooKeeperPS'
    Get-ChildItem $source -File | Where-Object { $_.Name -like '*.Format.ps1xml' -or $_.Name -like '*.Types.ps1xml' } |
        Copy-Item -Destination $ModuleOut
    $help = Join-Path $source 'en-US'
    if (Test-Path $help) {
        Copy-Item $help $ModuleOut -Recurse
    }
    Write-Host "Module assembled in $ModuleOut"
}

function Install-Pester {
    # Pester comes from NuGet through a PackageDownload restore, so nothing is installed into the user's module path.
    $packages = Join-Path $Tools 'packages'
    $pester = Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $pester)) {
        Write-Host "Restoring Pester $PesterVersion into $packages" -ForegroundColor Cyan
        $project = Join-Path $Tools 'pester-restore/PesterRestore.csproj'
        $null = New-Item (Split-Path $project) -ItemType Directory -Force
        Set-Content $project @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$PesterVersion]" /></ItemGroup>
</Project>
"@
        Invoke-Native dotnet @('restore', $project, '--packages', $packages, '-nologo', '-v:quiet')
    }
    $pester
}

function Assert-ZooKeeper {
    # The harness decides where ZooKeeper is; this only makes sure that it finds one.
    Add-Type -Path (Join-Path $HarnessOut 'ZooKeeperPS.TestHarness.dll')
    $reason = Test-ZooKeeperInstallation
    if (-not $reason) { return }

    $null = Install-DebianPackage 'zookeeper' "ZooKeeper not found ($reason)"
    $reason = Test-ZooKeeperInstallation
    if ($reason) {
        throw "ZooKeeper is still not usable after 'apt-get install -y zookeeper': $reason"
    }
}

function Assert-Kazoo {
    # kazoo (Debian's python3-kazoo, for /usr/bin/python3) is the tests' behaviour oracle and interop partner.
    if (Test-Python kazoo) { return }
    $null = Install-DebianPackage 'python3-kazoo' 'kazoo is not importable by /usr/bin/python3'
    if (-not (Test-Python kazoo)) {
        throw "kazoo is still not importable by /usr/bin/python3 after 'apt-get install -y python3-kazoo'."
    }
}

function Assert-SecurityTools {
    # The security test servers of issue 12 need: Debian's Netty jars (TLS through NettyServerCnxnFactory, when the
    # ZooKeeper jars are Debian's, whose manifest leaves some of them out), openssl (the throwaway CA and certificates),
    # MIT Kerberos (a KDC of the harness's own, kadmin.local for its principals, kinit), and for kazoo's SASL pure-sasl
    # with its Kerberos backend. Each check names the Debian package that brings it.
    $checks = @(
        @{ Package = 'libnetty-java'; Why = 'Netty jars for the TLS test server are missing from /usr/share/java'; Test = { Test-DebianNetty } }
        @{ Package = 'openssl'; Why = 'openssl (for the test certificates) is not on the PATH'; Test = { Test-Program openssl } }
        @{ Package = 'krb5-user'; Why = 'kinit (for the Kerberos tests) is not on the PATH'; Test = { Test-Program kinit } }
        @{ Package = 'krb5-kdc'; Why = 'krb5kdc and kdb5_util (the test KDC) are missing'; Test = { (Test-Program krb5kdc) -and (Test-Program kdb5_util) } }
        @{ Package = 'krb5-admin-server'; Why = 'kadmin.local (the test KDC''s principals) is missing'; Test = { Test-Program kadmin.local } }
        @{ Package = 'python3-pure-sasl'; Why = 'pure-sasl (kazoo''s SASL) is not importable by /usr/bin/python3'; Test = { Test-Python puresasl } }
        @{ Package = 'python3-kerberos'; Why = 'kerberos (pure-sasl''s GSSAPI backend) is not importable by /usr/bin/python3'; Test = { Test-Python kerberos } }
    )
    foreach ($check in $checks) {
        if (& $check.Test) { continue }
        $null = Install-DebianPackage $check.Package $check.Why
        if (-not (& $check.Test)) {
            throw "$($check.Why), still after 'apt-get install -y $($check.Package)'."
        }
    }
}

function Test-DebianNetty {
    # Only Debian's jars need them from libnetty-java; ZOOKEEPER_HOME and ZOOKEEPER_CLASSPATH bring their own Netty.
    if ($env:ZOOKEEPER_CLASSPATH -or $env:ZOOKEEPER_HOME) { return $true }
    $jars = 'netty-handler', 'netty-transport', 'netty-buffer', 'netty-common', 'netty-codec', 'netty-resolver',
        'netty-transport-native-epoll', 'netty-transport-native-unix-common'
    -not ($jars | Where-Object { -not (Test-Path "/usr/share/java/$_.jar") })
}

function Test-Program([string] $Name) {
    # The KDC tools live in /usr/sbin, which is not on every user's PATH; the harness looks there too.
    [bool] ((Get-Command $Name -CommandType Application -ErrorAction Ignore) -or (Test-Path "/usr/sbin/$Name"))
}

function Test-ZooKeeperInstallation {
    # Returns why java or ZooKeeper cannot be found, or nothing when both are there.
    try {
        $null = [ZooKeeperPS.TestHarness.ZooKeeperInstallation]::Find()
    }
    catch {
        $_.Exception.GetBaseException().Message
    }
}

function Invoke-Package {
    Write-Host 'Packaging out/ZooKeeperPS' -ForegroundColor Cyan
    $id = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $repositoryName = "ZooKeeperPS-build-$id"
    $repositoryFolder = Join-Path ([IO.Path]::GetTempPath()) $repositoryName
    $null = New-Item $repositoryFolder -ItemType Directory
    Register-PSResourceRepository -Name $repositoryName -Uri $repositoryFolder -Trusted
    try {
        Publish-PSResource -Path $ModuleOut -Repository $repositoryName
        Get-ChildItem $Out -Filter '*.nupkg' | Remove-Item
        $package = Get-ChildItem $repositoryFolder -Filter '*.nupkg' | Copy-Item -Destination $Out -PassThru
        Write-Host "Package: $($package.FullName)"
    }
    finally {
        Unregister-PSResourceRepository -Name $repositoryName
        Remove-Item $repositoryFolder -Recurse -Force
    }
}

function Invoke-Test {
    $started = Get-Date
    # Prerequisites first, so that a machine without ZooKeeper learns it before anything compiles.
    Build-TestHarness
    Assert-ZooKeeper
    Assert-Kazoo
    Assert-SecurityTools
    Build-Module
    Invoke-Package

    $suites = @(Invoke-TestSuites -PesterModule (Install-Pester))
    $ran = @($suites | Where-Object { $null -ne $_.Counts } | ForEach-Object Counts)
    $passed = ($ran | Measure-Object Passed -Sum).Sum
    $failed = ($ran | Measure-Object Failed -Sum).Sum
    $skipped = ($ran | Measure-Object Skipped -Sum).Sum
    $ranAll = $ran.Count -eq $suites.Count

    $perSuite = ($suites | ForEach-Object { "$($_.Name): $(Format-Counts $_.Counts)" }) -join '; '
    Write-Host ("{0}; {1:n0} s" -f $perSuite, ((Get-Date) - $started).TotalSeconds)
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or -not $ranAll) {
        exit 1
    }
}

function Format-Counts($counts) {
    if ($null -eq $counts) { return 'did not run' }
    "$($counts.Passed) passed, $($counts.Failed) failed, $($counts.Skipped) skipped"
}

function Invoke-Demo {
    Build-TestHarness
    Assert-ZooKeeper
    Build-Module
    $tour = Join-Path $Root 'demo/Tour.ps1'
    if (-not (Test-Path $tour)) {
        Write-Host "There is no tour yet: $tour does not exist." -ForegroundColor Yellow
        return
    }

    Write-Host 'Starting a throwaway ZooKeeper server' -ForegroundColor Cyan
    $server = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone()
    try {
        Write-Host "ZooKeeper is listening on $($server.ConnectionString) (pid $($server.ProcessId))"
        Import-Module (Join-Path $ModuleOut 'ZooKeeperPS.psd1') -Force
        # Out-Host renders the tour's output as it goes, in order with its messages, while the server still runs.
        & $tour -ConnectionString $server.ConnectionString | Out-Host
    }
    finally {
        $server.Dispose()
        Write-Host 'ZooKeeper server stopped and its data deleted.' -ForegroundColor Cyan
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Build; Invoke-Package }
}
