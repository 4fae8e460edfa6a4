using System;
using System.Linq;
using System.Linq.Expressions;
using System.Net;
using System.Net.Security;
using System.Reflection;

namespace ZooKeeperPS.Client.Auth;

/// <summary>
/// A Kerberos client context from <c>System.Net.Security.NegotiateAuthentication</c> (.NET 7 and later; the system's
/// GSSAPI library on Linux and macOS, SSPI on Windows), reached by reflection because this assembly targets
/// netstandard2.0 so that it also loads into Windows PowerShell 5.1, whose .NET Framework has no such type. Wrap and
/// Unwrap take spans, which reflection cannot pass, so they are called through compiled expression trees.
/// </summary>
internal sealed class NegotiateAuthenticationBridge : IDisposable
{
    private const string Completed = "Completed";
    private const string ContinueNeeded = "ContinueNeeded";

    private static readonly Lazy<Api?> Shared = new(Api.Load);

    private readonly Api _api;
    private readonly IDisposable _context;

    public NegotiateAuthenticationBridge(string targetName, NetworkCredential? credential)
    {
        _api = Shared.Value ?? throw new SaslException(
            "Kerberos needs .NET 7 or later (PowerShell 7.3 or later); this runtime has no System.Net.Security.NegotiateAuthentication.");
        var options = Activator.CreateInstance(_api.OptionsType)!;
        Set(options, "Package", "Kerberos");
        Set(options, "TargetName", targetName);
        Set(options, "RequiredProtectionLevel", ProtectionLevel.Sign);
        Set(options, "RequireMutualAuthentication", true);
        if (credential is not null) Set(options, "Credential", credential);
        _context = (IDisposable)Activator.CreateInstance(_api.ContextType, options)!;
    }

    public bool IsComplete { get; private set; }

    /// <summary>The next context token for the server's token (null for the first); empty once the context is complete.</summary>
    public byte[] Step(byte[]? incoming)
    {
        var arguments = new object?[] { incoming is null ? null : Convert.ToBase64String(incoming), null };
        var outgoing = (string?)_api.GetOutgoingBlob.Invoke(_context, arguments);
        var status = arguments[1]?.ToString();
        if (status == Completed) IsComplete = true;
        else if (status != ContinueNeeded) throw new SaslException($"GSSAPI could not set up the Kerberos context ({status}).");
        return outgoing is null ? Array.Empty<byte>() : Convert.FromBase64String(outgoing);
    }

    /// <summary>gss_wrap without confidentiality (integrity only).</summary>
    public byte[] Wrap(byte[] message) => _api.Wrap(_context, message) ?? throw new SaslException("GSSAPI could not wrap the security-layer reply.");

    /// <summary>gss_unwrap, which checks the server's integrity token.</summary>
    public byte[] Unwrap(byte[] message) => _api.Unwrap(_context, message) ?? throw new SaslException("GSSAPI could not unwrap the server's security-layer offer.");

    public void Dispose() => _context.Dispose();

    private void Set(object options, string property, object value) => _api.OptionsType.GetProperty(property)!.SetValue(options, value);

    /// <summary>The reflected members, looked up once.</summary>
    private sealed class Api
    {
        private Api(Type contextType, Type optionsType, MethodInfo getOutgoingBlob, Func<object, byte[], byte[]?> wrap, Func<object, byte[], byte[]?> unwrap)
        {
            ContextType = contextType;
            OptionsType = optionsType;
            GetOutgoingBlob = getOutgoingBlob;
            Wrap = wrap;
            Unwrap = unwrap;
        }

        public Type ContextType { get; }
        public Type OptionsType { get; }
        public MethodInfo GetOutgoingBlob { get; }
        public Func<object, byte[], byte[]?> Wrap { get; }
        public Func<object, byte[], byte[]?> Unwrap { get; }

        public static Api? Load()
        {
            var contextType = Type.GetType("System.Net.Security.NegotiateAuthentication, System.Net.Security");
            var optionsType = Type.GetType("System.Net.Security.NegotiateAuthenticationClientOptions, System.Net.Security");
            var writerType = Type.GetType("System.Buffers.ArrayBufferWriter`1, System.Memory")?.MakeGenericType(typeof(byte));
            if (contextType is null || optionsType is null || writerType is null) return null;
            var getOutgoingBlob = contextType.GetMethod("GetOutgoingBlob", new[] { typeof(string), contextType.Assembly.GetType("System.Net.Security.NegotiateAuthenticationStatusCode")!.MakeByRefType() })!;
            return new Api(contextType, optionsType, getOutgoingBlob,
                Compile(contextType, writerType, "Wrap", new Expression[] { Expression.Constant(false) }),
                Compile(contextType, writerType, "Unwrap", Array.Empty<Expression>()));
        }

        /// <summary>
        /// (context, input) =&gt; context.Method(new ReadOnlySpan&lt;byte&gt;(input), writer, extra..., out _) is
        /// Completed ? writer.WrittenSpan.ToArray() : null.
        /// </summary>
        private static Func<object, byte[], byte[]?> Compile(Type contextType, Type writerType, string name, Expression[] extra)
        {
            var method = contextType.GetMethods().Single(m => m.Name == name);
            var parameters = method.GetParameters();
            var self = Expression.Parameter(typeof(object), "context");
            var input = Expression.Parameter(typeof(byte[]), "input");
            var writer = Expression.Variable(writerType, "writer");
            var flag = Expression.Variable(typeof(bool), "encrypted");
            var span = Expression.New(parameters[0].ParameterType.GetConstructor(new[] { typeof(byte[]) })!, input);
            var arguments = new Expression[] { span, writer }.Concat(extra).Concat(new Expression[] { flag }).ToArray();
            var status = Expression.Call(Expression.Convert(self, contextType), method, arguments);
            var written = Expression.Property(writer, "WrittenSpan");
            var body = Expression.Block(new[] { writer, flag },
                Expression.Assign(writer, Expression.New(writerType)),
                Expression.Condition(
                    Expression.Equal(Expression.Call(Expression.Convert(status, typeof(object)), typeof(object).GetMethod(nameof(ToString))!), Expression.Constant(Completed)),
                    Expression.Call(written, written.Type.GetMethod("ToArray", Type.EmptyTypes)!),
                    Expression.Constant(null, typeof(byte[]))));
            return Expression.Lambda<Func<object, byte[], byte[]?>>(body, self, input).Compile();
        }
    }
}
