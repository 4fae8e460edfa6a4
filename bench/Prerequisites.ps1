<#
.SYNOPSIS
    What bench/Invoke-Benchmark.ps1 needs besides the module: a ZooKeeper server, kazoo, and the Java contender.

.DESCRIPTION
    Dot-sourced by Invoke-Benchmark.ps1. Like build.ps1, it installs a missing Debian package itself where that cannot
    surprise anyone (Debian or Ubuntu, as root, with apt-get); elsewhere it says what to install. Without a server the
    benchmark cannot run; without kazoo or Java the contenders that need them are skipped with a warning.
#>

. (Join-Path $PSScriptRoot '../scripts/DebianPackages.ps1')   # Install-DebianPackage, Test-Python

# The jars the official Java client needs at run time, from Debian's zookeeper package (libzookeeper-java and
# libslf4j-java): the client, its wire records, the logging facade and the binding that discards every log line.
$javaClientJars = @('zookeeper.jar', 'zookeeper-jute.jar', 'slf4j-api.jar', 'slf4j-nop.jar') |
    ForEach-Object { Join-Path '/usr/share/java' $_ }

function Assert-ZooKeeperServer {
    <# The harness decides where ZooKeeper is (see ZooKeeperInstallation); this makes sure that it finds one. #>
    $reason = Get-ZooKeeperProblem
    if (-not $reason) { return }
    $null = Install-DebianPackage 'zookeeper' "ZooKeeper not found ($reason)" -Optional
    $reason = Get-ZooKeeperProblem
    if ($reason) { throw "The benchmark needs a ZooKeeper server: $reason" }
}

function Get-ZooKeeperProblem {
    try {
        $null = [ZooKeeperPS.TestHarness.ZooKeeperInstallation]::Find()
    }
    catch {
        $_.Exception.GetBaseException().Message
    }
}

function Initialize-Kazoo {
    <# $true when /usr/bin/python3 can import kazoo, installing Debian's python3-kazoo first when it cannot. #>
    if (Test-Python kazoo) { return $true }
    if (-not (Install-DebianPackage 'python3-kazoo' 'kazoo is not importable by /usr/bin/python3' -Optional)) { return $false }
    Test-Python kazoo
}

function Find-Javac {
    <# javac of JAVA_HOME, else the one on PATH, with symbolic links resolved (so that java beside it is the same JDK). #>
    $candidates = @()
    if ($env:JAVA_HOME) { $candidates += Join-Path $env:JAVA_HOME 'bin/javac' }
    $onPath = Get-Command javac -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($onPath) { $candidates += $onPath.Source }
    foreach ($candidate in $candidates) {
        if (Test-Path $candidate -PathType Leaf) {
            $target = ([IO.FileInfo] $candidate).ResolveLinkTarget($true)
            return $target ? $target.FullName : (Resolve-Path $candidate).Path
        }
    }
}

function Build-JavaContender([string] $SourceFolder, [string] $OutputFolder) {
    <#
        Compiles bench/java into OutputFolder and returns the command that runs it (java, class path, main class),
        or warns why it cannot and returns nothing. Installs a JDK or Debian's ZooKeeper jars when they are missing.
    #>
    $javac = Find-Javac
    if (-not $javac -and (Install-DebianPackage 'openjdk-17-jdk-headless' 'javac (a Java development kit) was not found' -Optional)) {
        $javac = Find-Javac
    }
    $missingJars = @($javaClientJars | Where-Object { -not (Test-Path $_) })
    if ($missingJars -and (Install-DebianPackage 'zookeeper' "The Java client's jars are missing ($($missingJars -join ', '))" -Optional)) {
        $missingJars = @($javaClientJars | Where-Object { -not (Test-Path $_) })
    }
    if (-not $javac -or $missingJars) {
        Write-Warning 'The Java client contenders are skipped: they need javac and java (a JDK) and the jars of Debian''s zookeeper package.'
        return
    }

    $java = Join-Path (Split-Path $javac) 'java'
    Remove-Item $OutputFolder -Recurse -Force -ErrorAction Ignore
    $compileClassPath = ($javaClientJars | Where-Object { $_ -notlike '*slf4j-nop.jar' }) -join [IO.Path]::PathSeparator
    $sources = Get-ChildItem $SourceFolder -Filter '*.java' | ForEach-Object FullName
    # -implicit:none and an empty -sourcepath: compile only bench/java, nothing that a jar on the class path ships as source.
    & $javac -encoding UTF-8 -implicit:none -sourcepath '' -d $OutputFolder -cp $compileClassPath @sources | Out-Host
    if ($LASTEXITCODE -ne 0) {
        Write-Warning "The Java client contenders are skipped: $javac could not compile $SourceFolder (its messages are above)."
        return
    }
    @($java, '-cp', ((@($OutputFolder) + $javaClientJars) -join [IO.Path]::PathSeparator), 'JavaBench')
}

function Get-JavaClientVersion {
    <# The version of the ZooKeeper client jar, as its Maven metadata states it. #>
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $jar = [IO.Compression.ZipFile]::OpenRead($javaClientJars[0])
    try {
        $entry = $jar.GetEntry('META-INF/maven/org.apache.zookeeper/zookeeper/pom.properties')
        $properties = $entry ? [IO.StreamReader]::new($entry.Open()).ReadToEnd() : ''
        if ($properties -match '(?m)^version=(\S+)') { $Matches[1] } else { 'unknown' }
    }
    finally {
        $jar.Dispose()
    }
}
