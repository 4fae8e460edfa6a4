using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>
    /// SASL authentication of clients (SASLAuthenticationProvider, the sasl ACL scheme), either DIGEST-MD5 against the
    /// users of a JAAS DigestLoginModule, or Kerberos (GSSAPI) with the service keytab of a <see cref="KerberosKdc"/>.
    /// ZooKeeper chooses the mechanism from its JAAS Server login, so a server offers one of the two.
    /// </summary>
    public sealed class SaslServerSettings
    {
        /// <summary>The first DIGEST-MD5 user of <see cref="Digest"/>; its ACL id is "alice".</summary>
        public const string DigestUser = "alice";

        public const string DigestPassword = "alice-secret";

        /// <summary>A second DIGEST-MD5 user, for ACLs that admit one user and refuse another.</summary>
        public const string OtherDigestUser = "bob";

        public const string OtherDigestPassword = "bob-secret";

        private SaslServerSettings(KerberosKdc? kdc)
        {
            Kdc = kdc;
        }

        /// <summary>DIGEST-MD5 users (name to password) of the JAAS Server section; empty for Kerberos.</summary>
        public IDictionary<string, string> DigestUsers { get; } = new Dictionary<string, string>();

        /// <summary>The KDC whose service principal (zookeeper/localhost) the server logs in as; null for DIGEST-MD5.</summary>
        public KerberosKdc? Kdc { get; }

        /// <summary>
        /// Close every session that has not authenticated through SASL (enforce.auth.enabled with scheme sasl, ZooKeeper 3.7+);
        /// off by default, so that a failed login shows as the server's AuthFailed rather than as a closed session.
        /// </summary>
        public bool RequireAuthentication { get; set; }

        /// <summary>DIGEST-MD5 with the users alice (alice-secret) and bob (bob-secret); add more to <see cref="DigestUsers"/>.</summary>
        public static SaslServerSettings Digest()
        {
            var settings = new SaslServerSettings(kdc: null);
            settings.DigestUsers[DigestUser] = DigestPassword;
            settings.DigestUsers[OtherDigestUser] = OtherDigestPassword;
            return settings;
        }

        /// <summary>Kerberos through <paramref name="kdc"/>: GSSAPI clients with a ticket from it authenticate as "name@REALM".</summary>
        public static SaslServerSettings Kerberos(KerberosKdc kdc) =>
            new SaslServerSettings(kdc ?? throw new ArgumentNullException(nameof(kdc)));

        internal IEnumerable<KeyValuePair<string, string>> ZooCfgSettings()
        {
            var settings = new Dictionary<string, string>
            {
                ["authProvider.sasl"] = "org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
            };
            if (RequireAuthentication)
            {
                settings["enforce.auth.enabled"] = "true";
                settings["enforce.auth.schemes"] = "sasl";
            }

            return settings;
        }

        internal IEnumerable<KeyValuePair<string, string>> SystemProperties(string jaasFile)
        {
            var properties = new Dictionary<string, string> { ["java.security.auth.login.config"] = jaasFile };
            if (Kdc != null)
            {
                // The KDC's own krb5.conf, never /etc/krb5.conf; no replay cache files outside the server's folder.
                properties["java.security.krb5.conf"] = Kdc.ConfigPath;
                properties["sun.security.krb5.rcache"] = "none";
            }

            return properties;
        }

        internal string JaasServerSection()
        {
            var text = new StringBuilder("Server {\n");
            if (Kdc != null)
            {
                text.Append("  com.sun.security.auth.module.Krb5LoginModule required\n")
                    .Append("  useKeyTab=true\n")
                    .Append("  keyTab=\"").Append(JaasValue(Kdc.Service.KeytabPath.Replace('\\', '/'))).Append("\"\n")
                    .Append("  storeKey=true\n")
                    .Append("  useTicketCache=false\n")
                    .Append("  principal=\"").Append(JaasValue(Kdc.Service.Name)).Append("\";\n");
            }
            else
            {
                if (DigestUsers.Count == 0)
                {
                    throw new InvalidOperationException("SaslServerSettings.DigestUsers is empty: a DIGEST-MD5 server needs at least one user.");
                }

                text.Append("  org.apache.zookeeper.server.auth.DigestLoginModule required");
                foreach (var user in DigestUsers.OrderBy(u => u.Key, StringComparer.Ordinal))
                {
                    text.Append("\n  user_").Append(JaasName(user.Key)).Append("=\"").Append(JaasValue(user.Value)).Append('"');
                }

                text.Append(";\n");
            }

            return text.Append("};\n").ToString();
        }

        private static string JaasName(string name) =>
            name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.')
                ? name
                : throw new ArgumentException($"'{name}' cannot be a JAAS option name: letters, digits, '_', '-' and '.' only.", nameof(name));

        private static string JaasValue(string value) =>
            value.IndexOfAny(new[] { '"', '\\', '\n' }) < 0
                ? value
                : throw new ArgumentException("A JAAS value cannot hold a quote, a backslash or a line break.", nameof(value));
    }
}
