using System;
using System.IO;
using System.Reflection;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ZooKeeperPS;

/// <summary>
/// Reads the certificates Connect-ZooKeeper -UseTls takes as files: CA certificates (PEM or DER) and client
/// certificates with their keys (PFX, or PEM with the key in the same file or its own). Failures are
/// <see cref="InvalidDataException"/>s naming the file, never the password.
/// </summary>
internal static class CertificateFiles
{
    private const string PemCertificateBegin = "-----BEGIN CERTIFICATE-----";
    private const string PemCertificateEnd = "-----END CERTIFICATE-----";

    /// <summary>Every certificate in a PEM file (a CA bundle), or the one certificate of a DER file.</summary>
    public static X509Certificate2Collection ReadCertificates(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.ASCII.GetString(bytes);
        var certificates = new X509Certificate2Collection();
        try
        {
            if (text.IndexOf(PemCertificateBegin, StringComparison.Ordinal) < 0)
            {
                certificates.Add(new X509Certificate2(bytes));
                return certificates;
            }

            var start = 0;
            while ((start = text.IndexOf(PemCertificateBegin, start, StringComparison.Ordinal)) >= 0)
            {
                start += PemCertificateBegin.Length;
                var end = text.IndexOf(PemCertificateEnd, start, StringComparison.Ordinal);
                if (end < 0) throw new InvalidDataException($"{path} has a '{PemCertificateBegin}' line without its end line.");
                certificates.Add(new X509Certificate2(Convert.FromBase64String(text.Substring(start, end - start))));
                start = end + PemCertificateEnd.Length;
            }

            return certificates;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a certificate file (PEM or DER): {e.Message}", e);
        }
    }

    /// <summary>
    /// A client certificate with its private key: a PFX (PKCS#12, with <paramref name="password"/> when it has one),
    /// or a PEM certificate whose unencrypted key is in the same file or in <paramref name="keyPath"/>.
    /// </summary>
    public static X509Certificate2 ReadClientCertificate(string path, SecureString? password, string? keyPath)
    {
        var text = Encoding.ASCII.GetString(File.ReadAllBytes(path));
        var certificate = text.IndexOf(PemCertificateBegin, StringComparison.Ordinal) >= 0
            ? ReadPemWithKey(path, keyPath ?? path)
            : ReadPfx(path, password);
        if (!certificate.HasPrivateKey)
            throw new InvalidDataException($"{path} holds no private key for its certificate: a client certificate needs one (a PFX, or -CertificateKeyPath).");
        return certificate;
    }

    private static X509Certificate2 ReadPfx(string path, SecureString? password)
    {
        try
        {
            return password is null ? new X509Certificate2(path) : new X509Certificate2(path, password);
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException(
                $"{path} could not be read as a PFX (PKCS#12) file{(password is null ? " without a password (-CertificatePassword)" : " with the given password")}: {e.Message}", e);
        }
    }

    /// <summary>
    /// netstandard2.0 cannot read PEM private keys; .NET 5 and later (PowerShell 7) can, through
    /// X509Certificate2.CreateFromPemFile, found at run time. Windows PowerShell 5.1 needs a PFX.
    /// </summary>
    private static X509Certificate2 ReadPemWithKey(string certificatePath, string keyPath)
    {
        var keyText = Encoding.ASCII.GetString(File.ReadAllBytes(keyPath));
        if (keyText.IndexOf("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal) >= 0)
            throw new InvalidDataException($"The private key in {keyPath} is encrypted: use a PFX file with -CertificatePassword instead.");
        if (keyText.IndexOf("PRIVATE KEY-----", StringComparison.Ordinal) < 0)
            throw new InvalidDataException($"{keyPath} holds no PEM private key: pass the key file with -CertificateKeyPath, or use a PFX file.");

        var createFromPemFile = typeof(X509Certificate2).GetMethod("CreateFromPemFile", BindingFlags.Public | BindingFlags.Static,
            null, new[] { typeof(string), typeof(string) }, null);
        if (createFromPemFile is null)
            throw new InvalidDataException("PEM private keys need PowerShell 7 (.NET 5 or later); on Windows PowerShell 5.1 use a PFX file with -CertificatePassword.");
        X509Certificate2 pem;
        try
        {
            pem = (X509Certificate2)createFromPemFile.Invoke(null, new object[] { certificatePath, keyPath });
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidDataException($"{certificatePath} and its key {keyPath} could not be read: {e.InnerException.Message}", e.InnerException);
        }

        // A PEM key is ephemeral, which Windows' TLS (SChannel) cannot use for a client certificate: a round trip
        // through PKCS#12 gives it a stored key (harmless elsewhere).
        using (pem)
        {
            return new X509Certificate2(pem.Export(X509ContentType.Pkcs12));
        }
    }
}
