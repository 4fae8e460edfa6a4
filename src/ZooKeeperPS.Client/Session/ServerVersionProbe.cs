using System;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ZooKeeperPS.Client.Connection;

namespace ZooKeeperPS.Client.Session;

/// <summary>Learns a server's version from the <c>srvr</c> four-letter word ("Zookeeper version: 3.8.0-..., built on ...").</summary>
internal static class ServerVersionProbe
{
    private static readonly Regex VersionPattern = new(@"version:\s*(\d+)\.(\d+)\.(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The version, or null when the server does not say (srvr not allowed, no answer in time).</summary>
    public static async Task<Version?> GetAsync(HostEndpoint server, TimeSpan timeout)
    {
        try
        {
            return Parse(await FourLetterWord.SendAsync(server, "srvr", timeout).ConfigureAwait(false));
        }
        catch (Exception)
        {
            return null;
        }
    }

    public static Version? Parse(string srvrOutput)
    {
        var match = VersionPattern.Match(srvrOutput);
        if (!match.Success) return null;
        return new Version(
            int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
    }
}
