<#
.SYNOPSIS
    Running the benchmarks' child processes: a pwsh like this one, and any command whose last JSON line is its result.

.DESCRIPTION
    Dot-sourced by Invoke-Benchmark.ps1, Invoke-ProviderBenchmark.ps1 and Invoke-SubtreeBenchmark.ps1, which run
    each contender and measurement in a fresh process of its own.
#>

# A child pwsh like this one: under `dotnet pwsh` the process is dotnet running pwsh.dll.
$pwshCommand = @([Environment]::ProcessPath)
if ([IO.Path]::GetFileNameWithoutExtension($pwshCommand[0]) -eq 'dotnet') {
    $pwshCommand += Join-Path $PSHOME 'pwsh.dll'
}

function Invoke-ChildProcess {
    <# Runs a command, fails when it fails, and returns the JSON object that it printed last, if any. #>
    param([string] $Name, [string[]] $Command)
    $lines = & $Command[0] $Command[1..($Command.Count - 1)]
    if ($LASTEXITCODE -ne 0) {
        throw "$Name failed (exit code $LASTEXITCODE); its error output is above."
    }
    $json = @($lines | Where-Object { $_ -match '^\s*\{' })
    if ($json.Count -gt 0) { $json[-1] | ConvertFrom-Json -AsHashtable }
}

function Invoke-Pwsh {
    <# Runs a script of bench/ in a child pwsh (see Invoke-ChildProcess). #>
    param([string] $Name, [string] $Script, [string[]] $Arguments)
    Invoke-ChildProcess $Name ($pwshCommand + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot $Script)) + $Arguments)
}
