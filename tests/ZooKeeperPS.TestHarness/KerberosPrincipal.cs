namespace ZooKeeperPS.TestHarness
{
    /// <summary>A principal in a <see cref="KerberosKdc"/>'s realm, with its keytab.</summary>
    public sealed class KerberosPrincipal
    {
        internal KerberosPrincipal(string name, string? password, string keytabPath)
        {
            Name = name;
            Password = password;
            KeytabPath = keytabPath;
        }

        /// <summary>The full name, "alice@ZKPS.TEST" or "zookeeper/localhost@ZKPS.TEST": also the id of a sasl ACL entry for it.</summary>
        public string Name { get; }

        /// <summary>The password a client can kinit with; null for the service, whose key is random.</summary>
        public string? Password { get; }

        /// <summary>A keytab with the principal's keys (kinit -k -t, or a JAAS Krb5LoginModule with useKeyTab).</summary>
        public string KeytabPath { get; }

        public override string ToString() => Name;
    }
}
