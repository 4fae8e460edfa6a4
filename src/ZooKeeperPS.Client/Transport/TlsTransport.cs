using System;
using System.IO;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client;

/// <summary>
/// TLS to a server's secureClientPort: an SslStream over another transport's stream (plain TCP by default). The host
/// name of the connection string is sent as SNI and checked against the server certificate; the certificate must chain
/// to the machine's trust store, or to one of <see cref="CertificateAuthorities"/> when any are given. Session
/// connections, reconnects, read-only search and four-letter words all use it when it is the client's transport.
/// A refused certificate, either way, is an <see cref="AuthenticationException"/> (from ConnectAsync, or from the first
/// read when a TLS 1.3 server refuses the client certificate after the handshake); a lost connection an IOException.
/// </summary>
public sealed class TlsTransport : IConnectionTransport
{
    private readonly IConnectionTransport _inner;

    /// <param name="inner">The connection TLS runs over; plain TCP when null.</param>
    public TlsTransport(IConnectionTransport? inner = null) => _inner = inner ?? new TcpTransport();

    /// <summary>
    /// The only roots trusted for the server certificate; when empty, the machine's trust store decides. A file of a
    /// private CA belongs here (the intermediates, if any, may be added too).
    /// </summary>
    public X509Certificate2Collection CertificateAuthorities { get; } = new X509Certificate2Collection();

    /// <summary>A certificate with its private key, presented when the server asks (mutual TLS, the x509 scheme).</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Accept any server certificate (a lab with self-signed certificates): the traffic is encrypted but the server unverified.</summary>
    public bool SkipCertificateCheck { get; set; }

    /// <summary>
    /// The protocol versions offered. None (the default) lets the operating system choose, which today means TLS 1.2
    /// and 1.3; netstandard2.0 has no name for TLS 1.3, so pinning it takes <c>(SslProtocols)12288</c>.
    /// </summary>
    public SslProtocols Protocols { get; set; } = SslProtocols.None;

    public async Task<Stream> ConnectAsync(HostEndpoint server, CancellationToken cancellationToken)
    {
        if (server is null) throw new ArgumentNullException(nameof(server));
        var plain = await _inner.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        var validation = new ServerCertificateValidation(server.Host, CertificateAuthorities, SkipCertificateCheck);
        var clientCertificate = ClientCertificate;
        var tls = new SslStream(plain, leaveInnerStreamOpen: false, validation.Validate,
            clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate);
        try
        {
            var clientCertificates = new X509CertificateCollection();
            if (clientCertificate is not null) clientCertificates.Add(clientCertificate);
            // The handshake takes no token in netstandard: closing the stream is what stops it. Revocation is not
            // checked, as ZooKeeper's own client does by default (zookeeper.ssl.crl=false): private CAs rarely publish CRLs.
            using (cancellationToken.Register(tls.Dispose))
            {
                await tls.AuthenticateAsClientAsync(server.Host, clientCertificates, Protocols, checkCertificateRevocation: false)
                    .ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new TlsErrorStream(tls, server);
        }
        catch (Exception e)
        {
            tls.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            // AuthenticationException means the TLS peers refused each other (a certificate, a protocol version): the
            // session gives up on it before its first connection. A broken connection (EOF, reset) stays an IOException.
            if (validation.Rejection is not null) throw new AuthenticationException(validation.Rejection, e);
            if (e is AuthenticationException) throw new AuthenticationException(TlsErrorStream.Describe(e, server), e);
            throw new IOException(TlsErrorStream.Describe(e, server), e);
        }
    }
}
