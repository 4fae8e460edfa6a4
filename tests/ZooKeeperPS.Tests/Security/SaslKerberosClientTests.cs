using System;
using System.Collections.Generic;
using System.IO;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Security;

/// <summary>
/// The client's own GSSAPI login with a real ticket from the KDC of <see cref="KerberosFixture"/>. It runs in a child
/// pwsh that loads the client assembly: the system GSSAPI library reads KRB5_CONFIG and KRB5CCNAME from the process
/// environment when it loads, so this test process cannot point it at the test KDC.
/// </summary>
public sealed class SaslKerberosClientTests : IClassFixture<KerberosFixture>
{
    // Reads the node, drops the connection (the client reconnects by itself), then reads it again: the server keeps
    // authentication per connection, so the second read needs a second GSSAPI login.
    private const string ReadTwiceScript = @"
$ErrorActionPreference = 'Stop'
Add-Type -Path $env:ZK_CLIENT_DLL
$options = [ZooKeeperPS.Client.ZooKeeperClientOptions]@{ ConnectionString = $env:ZK_HOSTS }
$options.Sasl = [ZooKeeperPS.Client.SaslOptions]::new('Gssapi', $null, $null)
function Read-Node($client) {
    try { 'READ ' + [Text.Encoding]::UTF8.GetString($client.GetDataAsync($env:ZK_PATH, $null, [Threading.CancellationToken]::None).GetAwaiter().GetResult().Data) }
    catch { 'REFUSED ' + $_.Exception.InnerException.Code }
}
try { $client = [ZooKeeperPS.Client.ZooKeeperClient]::ConnectAsync($options, [Threading.CancellationToken]::None).GetAwaiter().GetResult() }
catch { 'CONNECT ' + $_.Exception.InnerException.Code + ' ' + $_.Exception.InnerException.Message; exit 0 }
Read-Node $client
$client.GetType().GetMethod('DropConnection', [Reflection.BindingFlags]'NonPublic,Instance').Invoke($client, @())
# A read that went out on the dropped connection fails with ConnectionLoss; the next one waits for the new connection.
$deadline = [DateTime]::UtcNow.AddSeconds(20)
do { $again = Read-Node $client } while ($again -eq 'REFUSED ConnectionLoss' -and [DateTime]::UtcNow -lt $deadline)
$again
$client.Dispose()
";

    private readonly KerberosFixture _fixture;

    public SaslKerberosClientTests(KerberosFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void WithATicket_LogsInAsThePrincipal_WhomKazoosSaslAclAdmits_AgainAfterAReconnect()
    {
        var kdc = _fixture.Kdc;
        var path = "/kerberos-client-" + Guid.NewGuid().ToString("N");
        var hosts = _fixture.Server.LocalhostConnectionString;
        var created = Kazoo.Run(
            $"zk = client()\nzk.create('{path}', b'for-alice', acl=[make_acl('sasl', '{kdc.Client.Name}', all=True)])\nzk.stop()\n",
            Kazoo.Kerberos(hosts, kdc.ClientEnvironment));
        Assert.True(created.ExitCode == 0, created.Output);
        var carolCache = kdc.Kinit(kdc.AddPrincipal("carol-client", "carol-client-secret"));

        var alice = RunClient(path, kdc.ClientEnvironment);
        var carol = RunClient(path, kdc.EnvironmentFor(carolCache));

        Assert.Equal(2, CountOf("READ for-alice", alice));
        Assert.Contains("REFUSED NoAuth", carol);
    }

    [Fact]
    public void WithoutATicket_ConnectFailsWithAuthFailed_NamingGssapi()
    {
        var output = RunClient("/", _fixture.Kdc.EnvironmentFor(Path.Combine(_fixture.Kdc.Directory, "no-such-client.ccache")));

        Assert.Contains("CONNECT AuthFailed", output);
        Assert.Contains("GSSAPI", output);
    }

    private string RunClient(string path, IReadOnlyDictionary<string, string> kerberos)
    {
        var script = Path.Combine(_fixture.Kdc.Directory, "client-" + Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(script, ReadTwiceScript);
        var environment = new Dictionary<string, string>(kerberos)
        {
            ["ZK_HOSTS"] = _fixture.Server.LocalhostConnectionString,
            ["ZK_PATH"] = path,
            ["ZK_CLIENT_DLL"] = typeof(ZooKeeperPS.Client.ZooKeeperClient).Assembly.Location,
        };
        // 'dotnet pwsh' is the repository's local tool: it runs from inside the repository.
        var result = ExternalTool.RunUnchecked("dotnet", new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", script }, RepositoryRoot(), environment);
        Assert.True(result.ExitCode == 0, result.Output);
        return result.Output;
    }

    private static int CountOf(string text, string output) => output.Split(new[] { text }, StringSplitOptions.None).Length - 1;

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "build.ps1"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("build.ps1 not found above " + AppContext.BaseDirectory);
    }
}
