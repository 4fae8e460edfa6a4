using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Provider;
using System.Text;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// Set-Content and Add-Content of a znode: the values are collected and written when the cmdlet ends, in one request.
/// Set-Content replaces the data (one setData); Add-Content appends to it (a newline between, unless -NoNewline) in
/// one setData at the version read, read again and retried when the node changed meanwhile. Text values are joined
/// by newlines (none after the last), bytes (-AsByteStream) are stored as they are. A missing node is created.
/// </summary>
internal sealed class ZkContentWriter : IContentWriter
{
    private const int Attempts = 5;
    private readonly IZkPipelineHost _host;
    private readonly ZkSession _session;
    private readonly string _path;
    private readonly Encoding _encoding;
    private readonly bool _bytes;
    private readonly bool _noNewline;
    private readonly ZkContentWriterParameters? _options;
    private readonly Action<Exception, string> _onFailure;
    private readonly MemoryStream _written = new();
    private bool _any;
    private bool _closed;

    public ZkContentWriter(IZkPipelineHost host, ZkSession session, string path, ZkContentWriterParameters? options,
        Action<Exception, string> onFailure)
    {
        _host = host;
        _session = session;
        _path = path;
        _encoding = options?.Encoding ?? NodeValue.DefaultEncoding;
        _bytes = options?.AsByteStream == true;
        _noNewline = options?.NoNewline == true;
        _options = options;
        _onFailure = onFailure;
    }

    public IList Write(IList content)
    {
        foreach (var value in content)
        {
            var item = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (_bytes)
            {
                var bytes = item as byte[] ?? new[] { LanguagePrimitives.ConvertTo<byte>(item) };
                _written.Write(bytes, 0, bytes.Length);
                _any = true;
                continue;
            }
            var text = (_any && !_noNewline ? "\n" : "") + (item?.ToString() ?? "");
            var encoded = _encoding.GetBytes(text);
            _written.Write(encoded, 0, encoded.Length);
            _any = true;
        }
        return content;
    }

    /// <summary>Add-Content seeks to the end, where the writer always appends; any other position is not supported.</summary>
    public void Seek(long offset, SeekOrigin origin)
    {
        if (offset != 0 || origin != SeekOrigin.End)
        {
            throw new NotSupportedException("A znode's content is written as a whole; seeking is not supported.");
        }
    }

    public void Close()
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        var client = _session.Client;
        var token = _host.StopToken;
        var added = _written.ToArray();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stat = _host.Await(() => client.ExistsAsync(_path, null, token), _session);
                if (stat is null)
                {
                    _host.Await(() => client.CreateAsync(_path, added, CreateMode.Persistent, null, null, token), _session);
                    return;
                }
                if (_options?.Overwrite == true)
                {
                    _host.Await(() => client.SetDataAsync(_path, added, -1, token), _session);
                    return;
                }
                var current = stat.DataLength == 0 ? null : _host.Await(() => client.GetDataAsync(_path, null, token), _session);
                var existing = current?.Data ?? Array.Empty<byte>();
                var separator = existing.Length > 0 && added.Length > 0 && !_bytes && !_noNewline && existing[existing.Length - 1] != (byte)'\n'
                    ? _encoding.GetBytes("\n") : Array.Empty<byte>();
                var data = new byte[existing.Length + separator.Length + added.Length];
                Buffer.BlockCopy(existing, 0, data, 0, existing.Length);
                Buffer.BlockCopy(separator, 0, data, existing.Length, separator.Length);
                Buffer.BlockCopy(added, 0, data, existing.Length + separator.Length, added.Length);
                var version = current?.Stat.Version ?? stat.Version;
                _host.Await(() => client.SetDataAsync(_path, data, version, token), _session);
                return;
            }
            catch (ZooKeeperException changed) when (attempt < Attempts && changed.Code is ErrorCode.BadVersion or ErrorCode.NodeExists or ErrorCode.NoNode)
            {
                // Someone else wrote (or created, or deleted) the node between the read and the write: read it again.
            }
            catch (Exception failure) when (failure is not PipelineStoppedException)
            {
                _onFailure(failure, _path);
                return;
            }
        }
    }

    public void Dispose() => Close();
}
