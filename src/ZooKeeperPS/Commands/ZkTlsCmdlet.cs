using System;
using System.IO;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// The TLS parameters of the cmdlets that reach servers themselves (Connect-ZooKeeper, and the server cmdlets with
/// -ConnectionString) and the transport they make.
/// </summary>
public abstract class ZkTlsCmdlet : ZkCmdlet
{
    /// <summary>TLS to the servers' secureClientPort.</summary>
    [Parameter]
    public SwitchParameter UseTls { get; set; }

    /// <summary>The CA (or CAs) that signed the server certificate: a PEM/CRT/DER file path or an X509Certificate2.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? CertificateAuthority { get; set; }

    /// <summary>The client certificate for mutual TLS: an X509Certificate2 with its key, a PFX path or a PEM path.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Certificate { get; set; }

    /// <summary>The password of the -Certificate PFX file.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? CertificatePassword { get; set; }

    /// <summary>The PEM private key of a -Certificate PEM file that does not hold its key.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CertificateKeyPath { get; set; }

    /// <summary>Accept any server certificate (labs only; a warning says so), as Invoke-WebRequest names it.</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Whether any TLS parameter was given.</summary>
    private protected bool HasTlsParameters =>
        UseTls || CertificateAuthority is not null || Certificate is not null || SkipCertificateCheck || CertificatePassword is not null || CertificateKeyPath is not null;

    /// <summary>
    /// The transport the TLS parameters describe (made once, in BeginProcessing); null without -UseTls. Bad
    /// parameters and unreadable certificate files are terminating errors.
    /// </summary>
    private protected TlsTransport? CreateTlsTransport()
    {
        if (!UseTls)
        {
            if (HasTlsParameters)
            {
                ThrowTerminatingError(ZkErrors.InvalidArgument(
                    "-CertificateAuthority, -Certificate, -CertificatePassword, -CertificateKeyPath and -SkipCertificateCheck apply to TLS connections: add -UseTls.",
                    "TlsParameterWithoutUseTls", null));
            }

            return null;
        }

        var tls = new TlsTransport { SkipCertificateCheck = SkipCertificateCheck };
        try
        {
            if (CertificateAuthority is not null) tls.CertificateAuthorities.AddRange(ReadAuthorities(CertificateAuthority));
            if (Certificate is not null) tls.ClientCertificate = ReadClientCertificate(Certificate);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "ZooKeeper.TlsCertificateUnreadable", ErrorCategory.InvalidData, null));
        }

        if (SkipCertificateCheck)
        {
            WriteWarning("-SkipCertificateCheck: the server certificate is not checked, so the connection is encrypted but the server " +
                "may be anyone. Use it only in a lab; otherwise pass the CA that signed the server certificate with -CertificateAuthority.");
        }

        return tls;
    }

    private X509Certificate2Collection ReadAuthorities(object value) => Unwrap(value) switch
    {
        X509Certificate2 certificate => new X509Certificate2Collection(certificate),
        X509Certificate2Collection certificates => certificates,
        var other => CertificateFiles.ReadCertificates(ResolvePath(other, "-CertificateAuthority")),
    };

    private X509Certificate2 ReadClientCertificate(object value)
    {
        if (Unwrap(value) is X509Certificate2 certificate)
        {
            if (!certificate.HasPrivateKey)
                throw new ArgumentException($"The -Certificate {certificate.Subject} has no private key: a client certificate needs one (pass a PFX file, or a certificate from a store that holds its key).");
            return certificate;
        }

        var keyPath = CertificateKeyPath is null ? null : ResolvePath(CertificateKeyPath, "-CertificateKeyPath");
        return CertificateFiles.ReadClientCertificate(ResolvePath(value, "-Certificate"), CertificatePassword, keyPath);
    }

    private static object Unwrap(object value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    /// <summary>A path relative to the current PowerShell location (not the process's directory), or a FileInfo.</summary>
    private string ResolvePath(object value, string parameter)
    {
        var path = Unwrap(value) switch
        {
            FileInfo file => file.FullName,
            string text => SessionState.Path.GetUnresolvedProviderPathFromPSPath(text),
            var other => throw new ArgumentException($"{parameter} takes a file path or an X509Certificate2, not a {other.GetType().Name}."),
        };
        if (!File.Exists(path)) throw new FileNotFoundException($"{parameter}: the file {path} does not exist.", path);
        return path;
    }
}
