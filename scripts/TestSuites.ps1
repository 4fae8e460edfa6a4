<#
.SYNOPSIS
    Runs the xunit suite and the Pester suite, in two lanes, at the same time, and counts their results.

.DESCRIPTION
    Dot-sourced by build.ps1 (which defines $Root, $Out and $Configuration). Most of the test time is spent waiting on
    servers (JVM starts, session timeouts, killed and restarted members), not computing, so three processes on two
    cores finish in about the time of the slowest one. Each suite writes its output to a log in out/, which is shown
    when that suite ends, so the suites' lines never interleave.
#>

# Pester files that stop, kill or restart servers, or start secure ones, take the second lane; all others the first.
$script:SecondPesterLane = 'Reliability*', 'Tls*', 'Sasl*', 'Harness*', 'Package*', 'Servers*'

function Invoke-TestSuites {
    # Returns one object per suite: its Name and its Counts (Passed, Failed, Skipped), $null for a suite that could not run.
    param([string] $PesterModule)

    $pesterFiles = Get-ChildItem (Join-Path $Root 'tests/Pester') -Filter '*.Tests.ps1' | Sort-Object Name
    $inSecondLane = { $file = $_; [bool] ($script:SecondPesterLane | Where-Object { $file.Name -like $_ }) }
    $suites = @(
        Start-XunitSuite
        Start-PesterSuite 'pester-1' $PesterModule @($pesterFiles | Where-Object { -not (& $inSecondLane) })
        Start-PesterSuite 'pester-2' $PesterModule @($pesterFiles | Where-Object $inSecondLane)
    )
    $pending = [System.Collections.Generic.List[object]]::new($suites)
    while ($pending.Count -gt 0) {
        $finished = Wait-Job -Job @($pending | ForEach-Object Job) -Any
        $suite = $pending | Where-Object { $_.Job -eq $finished }
        $null = $pending.Remove($suite)
        $exitCode = Receive-Job $suite.Job -Wait -AutoRemoveJob
        Write-Host "$($suite.Name) ended (exit code $exitCode); its output:" -ForegroundColor Cyan
        Get-Content $suite.Log | Out-Host
        $counts = if ($suite.Name -eq 'xunit') { Read-XunitCounts $suite.Result $exitCode }
                  else { Read-PesterCounts $suite.Name $suite.Result $exitCode }
        [pscustomobject]@{ Name = $suite.Name; Counts = $counts }
    }
}

function Start-SuiteProcess {
    # Runs 'dotnet <arguments>' in a thread job with all its output in out/<name>.log; the job returns the exit code.
    # The caller adds Result: the file the suite's counts are read from.
    param([string] $Name, [string[]] $Arguments)

    $log = Join-Path $Out "$Name.log"
    Write-Host "Started $Name (output in $log)" -ForegroundColor Cyan
    $job = Start-ThreadJob -Name $Name -ArgumentList $Arguments, $log -ScriptBlock {
        param([string[]] $arguments, [string] $log)
        & dotnet @arguments *> $log
        $LASTEXITCODE
    }
    @{ Name = $Name; Log = $log; Job = $job }
}

function Start-XunitSuite {
    $results = Join-Path $Out 'TestResults'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $suite = Start-SuiteProcess 'xunit' @('test', (Join-Path $Root 'tests/ZooKeeperPS.Tests'), '-c', $Configuration,
        '-nologo', '--logger', 'trx;LogFileName=xunit.trx', '--logger', 'console;verbosity=normal',
        '--results-directory', $results, '--blame-hang-timeout', '5min', '--blame-hang-dump-type', 'none')
    $suite.Result = Join-Path $results 'xunit.trx'
    [pscustomobject]$suite
}

function Read-XunitCounts([string] $Trx, [int] $ExitCode) {
    # Returns the counts, or $null when the suite could not run (build failure, no tests found, a crashed host).
    if (-not (Test-Path $Trx)) {
        Write-Host "xunit did not run (dotnet test exit code $ExitCode)." -ForegroundColor Red
        return $null
    }
    # Counted from the test results themselves: the summary counters leave skipped tests out.
    $outcomes = @(([xml](Get-Content $Trx -Raw)).TestRun.Results.UnitTestResult | ForEach-Object outcome)
    $passed = @($outcomes | Where-Object { $_ -eq 'Passed' }).Count
    $skipped = @($outcomes | Where-Object { $_ -eq 'NotExecuted' }).Count
    if ($outcomes.Count -eq 0) {
        Write-Host 'xunit found no tests.' -ForegroundColor Red
        return $null
    }
    $failed = $outcomes.Count - $passed - $skipped   # Failed, Timeout, Aborted, Error
    if ($ExitCode -ne 0 -and $failed -eq 0) {
        # A test host that crashed leaves a results file without failures; the run is broken all the same.
        Write-Host "dotnet test exited with code $ExitCode without a failed test: the test run did not complete." -ForegroundColor Red
        return $null
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped }
}

function Start-PesterSuite {
    # A child pwsh per lane, so that the freshly built module and the harness load into a clean process.
    param([string] $Name, [string] $PesterModule, [IO.FileInfo[]] $Files)

    $summary = Join-Path $Out "$Name-summary.json"
    if (Test-Path $summary) { Remove-Item $summary }
    # The child's output goes to a log file, which cannot take colours; a terminal showing it later can.
    $renderMode = if ([Console]::IsOutputRedirected) { 'Plaintext' } else { 'Ansi' }
    $quote = { "'" + ($args[0] -replace "'", "''") + "'" }
    $paths = ($Files | ForEach-Object { & $quote $_.FullName }) -join ', '
    $script = Join-Path $Out "$Name.ps1"
    Set-Content $script @"
`$ErrorActionPreference = 'Stop'
Set-Location $(& $quote $Root)
Import-Module $(& $quote $PesterModule)
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = @($paths)
`$configuration.Run.PassThru = `$true
`$configuration.Output.Verbosity = 'Detailed'
`$configuration.Output.RenderMode = '$renderMode'
`$result = Invoke-Pester -Configuration `$configuration
# A failing BeforeAll or a file that does not parse fails no single test, but it is a failure all the same.
[pscustomobject]@{
    Passed  = `$result.PassedCount
    Failed  = `$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount
    Skipped = `$result.SkippedCount
} | ConvertTo-Json | Set-Content $(& $quote $summary)
"@
    $suite = Start-SuiteProcess $Name @('pwsh', '-NoProfile', '-NonInteractive', '-File', $script)
    $suite.Result = $summary
    [pscustomobject]$suite
}

function Read-PesterCounts([string] $Name, [string] $Summary, [int] $ExitCode) {
    # Returns the counts, or $null when the lane could not run.
    if (-not (Test-Path $Summary)) {
        Write-Host "Pester ($Name) did not run (pwsh exit code $ExitCode)." -ForegroundColor Red
        return $null
    }
    $counts = Get-Content $Summary -Raw | ConvertFrom-Json
    if ($counts.Passed + $counts.Failed + $counts.Skipped -eq 0) {
        Write-Host "Pester ($Name) found no tests." -ForegroundColor Red
        return $null
    }
    $counts
}
