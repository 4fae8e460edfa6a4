using System;

namespace ZooKeeperPS.Client.Auth;

/// <summary>The client side of one SASL mechanism for one connection: tokens in, tokens out.</summary>
internal interface ISaslMechanism : IDisposable
{
    /// <summary>The first token to send (empty when the mechanism has no initial response).</summary>
    byte[] Start();

    /// <summary>
    /// The answer to the server's token, or null when the exchange is complete and nothing more is sent. Throws
    /// <see cref="SaslException"/> when the server's token is wrong (for example a bad rspauth).
    /// </summary>
    byte[]? Evaluate(byte[] challenge);
}

/// <summary>The client refuses the server's part of a SASL exchange, or cannot do its own.</summary>
internal sealed class SaslException : Exception
{
    public SaslException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
