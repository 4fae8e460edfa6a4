using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ZooKeeperPS.Client;

/// <summary>
/// Checks one handshake's server certificate and, when it refuses it, keeps the reason in words (SslStream itself only
/// says that the callback refused): not trusted, expired or not yet valid, or issued for another host name.
/// </summary>
internal sealed class ServerCertificateValidation
{
    private readonly string _host;
    private readonly X509Certificate2Collection _authorities;
    private readonly bool _skip;

    public ServerCertificateValidation(string host, X509Certificate2Collection authorities, bool skip)
    {
        _host = host;
        _authorities = authorities;
        _skip = skip;
    }

    /// <summary>Why the certificate was refused; null while it has not been.</summary>
    public string? Rejection { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_skip) return true;
        if (certificate is null)
        {
            Rejection = $"the server at {_host} presented no certificate";
            return false;
        }

        var serverCertificate = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        var problems = new List<string>();
        var statuses = _authorities.Count == 0
            ? (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0 ? Array.Empty<X509ChainStatus>() : ChainStatuses(chain)
            : ChainToGivenAuthorities(serverCertificate, chain);
        if (statuses.Any(s => s.Status == X509ChainStatusFlags.NotTimeValid))
        {
            problems.Add(serverCertificate.NotAfter < DateTime.Now
                ? $"has expired (valid until {serverCertificate.NotAfter.ToUniversalTime():u}; the server needs a renewed certificate)"
                : $"is not valid yet (valid from {serverCertificate.NotBefore.ToUniversalTime():u}; check the clocks)");
        }

        var trustProblems = statuses.Where(s => s.Status != X509ChainStatusFlags.NotTimeValid && s.Status != X509ChainStatusFlags.NoError)
            .Select(s => s.StatusInformation.Trim().TrimEnd('.')).Where(s => s.Length > 0).Distinct().ToList();
        if (trustProblems.Count > 0)
            problems.Add($"is not trusted ({string.Join("; ", trustProblems)}; trust the CA that signed it)");
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            problems.Add($"does not match the host name {_host} (it is issued to {serverCertificate.Subject}; connect by a name it lists)");
        if (problems.Count == 0) return true;

        Rejection = $"the server certificate for {_host} {string.Join(", and ", problems)}.";
        return false;
    }

    private static X509ChainStatus[] ChainStatuses(X509Chain? chain)
    {
        if (chain is null || chain.ChainStatus.Length == 0)
            return new[] { new X509ChainStatus { Status = X509ChainStatusFlags.PartialChain, StatusInformation = "its chain could not be built" } };
        return chain.ChainStatus;
    }

    /// <summary>
    /// Builds the chain again with the given CAs as extra certificates and an unknown root allowed (netstandard2.0 has
    /// no custom trust store), then requires the chain to end at one of them: any other root, even one the machine
    /// trusts, is refused. A self-signed server certificate given as the authority is trusted as itself.
    /// </summary>
    private X509ChainStatus[] ChainToGivenAuthorities(X509Certificate2 serverCertificate, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        chain.ChainPolicy.ExtraStore.AddRange(_authorities);
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        chain.Build(serverCertificate);
        var root = chain.ChainElements.Count == 0 ? null : chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
        var endsAtAuthority = root is not null &&
            _authorities.Cast<X509Certificate2>().Any(authority => authority.RawData.SequenceEqual(root.RawData));
        var statuses = chain.ChainStatus
            .Where(s => s.Status != X509ChainStatusFlags.UntrustedRoot && s.Status != X509ChainStatusFlags.PartialChain).ToList();
        if (!endsAtAuthority)
        {
            statuses.Add(new X509ChainStatus
            {
                Status = X509ChainStatusFlags.UntrustedRoot,
                StatusInformation = $"it is issued by {serverCertificate.Issuer}, not by the given certificate authority",
            });
        }

        return statuses.ToArray();
    }
}
