using System;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>The value of a counter before and after a change, and the node's stat after it.</summary>
public sealed class CounterChange
{
    internal CounterChange(string path, object preValue, object postValue, Stat stat)
    {
        Path = path;
        PreValue = preValue;
        PostValue = postValue;
        Stat = stat;
    }

    public string Path { get; }

    /// <summary>A long for whole numbers, a double otherwise.</summary>
    public object PreValue { get; }

    public object PostValue { get; }

    public Stat Stat { get; }
}

/// <summary>
/// A shared counter in the format of kazoo's Counter: the value is the node's data as ASCII text (an integer such
/// as "42", or a float such as "2.5"; empty data counts as 0), changed by compare-and-set on the node's version and
/// tried again when another client changed it in between. With <c>curator</c> the data is a 4-byte big-endian
/// integer instead, as Curator's SharedCount and kazoo's Counter(support_curator=True) store it. A missing path is
/// created (with its parents) with empty data, as kazoo does.
/// </summary>
public static class ZooKeeperCounter
{
    /// <summary>
    /// The counter's value (a long, or a double when the stored value is not a whole number) and its stat. Unlike a
    /// change, a read does not create a missing path (NoNode).
    /// </summary>
    public static async Task<(object Value, Stat Stat)> GetAsync(ZooKeeperClient client, string path, bool curator = false,
        CancellationToken cancellationToken = default)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        var read = await RecipeCalls.RetryAsync(() => client.GetDataAsync(path, null, cancellationToken), cancellationToken).ConfigureAwait(false);
        return (Decode(path, read.Data, curator), read.Stat);
    }

    /// <summary>
    /// Adds <paramref name="increment"/> (a negative one subtracts). A change whose connection was lost after it was sent
    /// is not sent again (it may have happened): its ConnectionLoss reaches the caller.
    /// </summary>
    public static async Task<CounterChange> AddAsync(ZooKeeperClient client, string path, double increment, bool curator = false,
        CancellationToken cancellationToken = default)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (curator && increment != Math.Floor(increment)) throw new ArgumentException("A Curator counter holds whole numbers only.", nameof(increment));
        await RecipeCalls.EnsurePathAsync(client, path, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var read = await RecipeCalls.RetryAsync(() => client.GetDataAsync(path, null, cancellationToken), cancellationToken).ConfigureAwait(false);
            var before = Decode(path, read.Data, curator);
            var after = before is long whole && increment == Math.Floor(increment) && Math.Abs(increment) < long.MaxValue
                ? (object)checked(whole + (long)increment)
                : Convert.ToDouble(before, CultureInfo.InvariantCulture) + increment;
            var data = Encode(after, curator);
            try
            {
                var stat = await SetUnlessSentAsync(client, path, data, read.Stat.Version, cancellationToken).ConfigureAwait(false);
                return new CounterChange(path, before, after, stat);
            }
            catch (ZooKeeperException changed) when (changed.Code == ErrorCode.BadVersion)
            {
                // Another client changed it since the read: read again.
            }
        }
    }

    private static async Task<Stat> SetUnlessSentAsync(ZooKeeperClient client, string path, byte[] data, int version, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await client.SetDataAsync(path, data, version, cancellationToken).ConfigureAwait(false);
            }
            catch (ZooKeeperException lost) when (lost.Code == ErrorCode.ConnectionLoss && !lost.RequestSent)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static object Decode(string path, byte[]? data, bool curator)
    {
        if (data is null || data.Length == 0) return 0L;
        if (curator)
        {
            if (data.Length != 4) throw new FormatException($"The counter {path} does not hold a 4-byte Curator count ({data.Length} bytes).");
            return (long)((data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3]);
        }
        var text = Encoding.ASCII.GetString(data);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return whole;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) return real;
        throw new FormatException($"The counter {path} holds '{text}', which is not a number.");
    }

    private static byte[] Encode(object value, bool curator)
    {
        if (curator)
        {
            var count = checked((int)(long)value);
            return new[] { (byte)(count >> 24), (byte)(count >> 16), (byte)(count >> 8), (byte)count };
        }
        var text = value is long whole ? whole.ToString(CultureInfo.InvariantCulture) : ((double)value).ToString("R", CultureInfo.InvariantCulture);
        return Encoding.ASCII.GetBytes(text);
    }
}
