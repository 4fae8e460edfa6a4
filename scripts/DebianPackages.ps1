<#
.SYNOPSIS
    Installs the Debian packages that the build, the tests and the benchmark need, where that cannot surprise anyone.

.DESCRIPTION
    Dot-sourced by build.ps1 and bench/Prerequisites.ps1. A missing package is installed with apt-get only on Debian
    or Ubuntu, as root; anywhere else the caller is told what to install. apt-get update runs at most once per process,
    and no package may start a system service while it is installed (the tests run servers of their own).
#>

$script:AptUpdated = $false

function Install-DebianPackage {
    <#
        Installs the package and returns $true. Where it cannot be installed it throws, saying why and what to install;
        with -Optional it warns instead and returns $false (the benchmark then skips what needs it).
    #>
    param([string] $Name, [string] $Why, [switch] $Optional)

    $isDebian = Test-Path '/etc/debian_version'
    $isRoot = $IsLinux -and ((& id -u) -eq '0')
    $problem = if (-not ($isDebian -and $isRoot -and (Get-Command apt-get -ErrorAction Ignore))) {
        "$Why. Install the package '$Name' (or its equivalent) and run it again."
    }
    else {
        Write-Host "$Why. Installing the Debian package '$Name'." -ForegroundColor Cyan
        Invoke-AptGet $Name
    }
    if (-not $problem) { return $true }
    if (-not $Optional) { throw $problem }
    Write-Warning $problem
    $false
}

function Invoke-AptGet([string] $Name) {
    # Returns nothing on success, or what went wrong.
    $env:DEBIAN_FRONTEND = 'noninteractive'
    if (-not $script:AptUpdated) {
        apt-get update | Out-Host
        $script:AptUpdated = $LASTEXITCODE -eq 0
    }
    # Some packages (krb5-kdc, krb5-admin-server) start a system service when installed; Debian's policy-rc.d hook
    # refuses every service start for the length of the install.
    $policy = '/usr/sbin/policy-rc.d'
    $ownPolicy = -not (Test-Path $policy)
    if ($ownPolicy) {
        Set-Content $policy "#!/bin/sh`n# Written by ZooKeeperPS for one apt-get install: start no services.`nexit 101"
        & chmod 755 $policy
    }
    try {
        apt-get install -y $Name | Out-Host
        if ($LASTEXITCODE -ne 0) { "'apt-get install -y $Name' failed with exit code $LASTEXITCODE (its output is above)." }
    }
    finally {
        if ($ownPolicy) { Remove-Item $policy }
    }
}

function Test-Python([string] $Module) {
    # Whether /usr/bin/python3 (Debian's, where python3-* packages install; the python3 on PATH may be another) has it.
    if (-not (Test-Path /usr/bin/python3)) { return $false }
    & /usr/bin/python3 -c "import $Module" 2>$null
    $LASTEXITCODE -eq 0
}
