using System;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client;

/// <summary>
/// The SslStream a <see cref="TlsTransport"/> returns, with its read and write failures put in words. Over TLS 1.3 the
/// server checks the client certificate after the client's side of the handshake is done, so a refusal (no
/// certificate, or one the server does not trust) arrives as an alert on the first read, which SslStream reports
/// only as "The decryption operation failed, see inner exception.". That refusal is thrown as an
/// AuthenticationException, like the refusals the handshake itself reports.
/// </summary>
internal sealed class TlsErrorStream : Stream
{
    private readonly SslStream _tls;
    private readonly HostEndpoint _server;

    public TlsErrorStream(SslStream tls, HostEndpoint server)
    {
        _tls = tls;
        _server = server;
    }

    /// <summary>The innermost reason, with advice when the server asked for a client certificate.</summary>
    public static string Describe(Exception e, HostEndpoint server)
    {
        var reason = InnermostReason(e);
        var advice = RefusesClientCertificate(reason)
            ? " (the server requires a client certificate signed by a CA it trusts, and got none or another)"
            : "";
        return $"the TLS connection to {server} failed: {reason}{advice}.";
    }

    private static string InnermostReason(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        return innermost.Message.Trim().TrimEnd('.');
    }

    /// <summary>The alerts a server sends when it refuses the client's certificate or gets none (Java's is "bad certificate").</summary>
    private static bool RefusesClientCertificate(string reason) =>
        new[] { "bad certificate", "certificate required", "certificate unknown", "unknown ca" }
            .Any(alert => reason.IndexOf(alert, StringComparison.OrdinalIgnoreCase) >= 0);

    /// <summary>A refused client certificate is an authentication failure, as it is when the handshake reports it; anything else an I/O one.</summary>
    private Exception Translate(IOException e)
    {
        var message = Describe(e, _server);
        return RefusesClientCertificate(InnermostReason(e)) ? new AuthenticationException(message, e) : new IOException(message, e);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        try
        {
            return await _tls.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is not null)
        {
            throw Translate(e);
        }
    }

    public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        try
        {
            await _tls.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is not null)
        {
            throw Translate(e);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _tls.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return _tls.Read(buffer, offset, count);
        }
        catch (IOException e) when (e.InnerException is not null)
        {
            throw Translate(e);
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            _tls.Write(buffer, offset, count);
        }
        catch (IOException e) when (e.InnerException is not null)
        {
            throw Translate(e);
        }
    }

    public override void Flush() => _tls.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _tls.Dispose();
        base.Dispose(disposing);
    }
}
