using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>
    /// Finds and runs the command-line tools the security servers are made with (openssl, kdb5_util, kadmin.local, kinit):
    /// to completion, with their output in the exception when they fail.
    /// </summary>
    public static class ExternalTool
    {
        private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

        // The KDC tools live in sbin, which is not on every user's PATH.
        private static readonly string[] ExtraFolders = { "/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin" };

        /// <summary>The full path of a program on the PATH or in an sbin folder; throws naming what to install when it is missing.</summary>
        public static string Find(string name)
        {
            string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            string? found = path.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries)
                .Concat(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? Array.Empty<string>() : ExtraFolders)
                .Select(folder => Path.Combine(folder, name))
                .FirstOrDefault(File.Exists);
            return found ?? throw new InvalidOperationException(
                $"'{name}' was not found on the PATH or in /usr/sbin. 'build.ps1 Test' installs the Debian packages the security " +
                "test servers need (openssl, krb5-user, krb5-kdc, krb5-admin-server); elsewhere install their equivalents.");
        }

        /// <summary>Runs a tool to completion and returns what it wrote (stdout, then stderr); throws with that text on a non-zero exit.</summary>
        public static string Run(
            string name,
            IEnumerable<string> arguments,
            string workingDirectory,
            IDictionary<string, string>? environment = null,
            string? standardInput = null)
        {
            ToolResult result = RunUnchecked(name, arguments, workingDirectory, environment, standardInput);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"'{result.CommandLine}' failed with exit code {result.ExitCode}:{Environment.NewLine}{result.Output}");
            }

            return result.Output;
        }

        /// <summary>Runs a tool to completion and returns its exit code and output, whatever the exit code (for tests that expect a failure).</summary>
        public static ToolResult RunUnchecked(
            string name,
            IEnumerable<string> arguments,
            string workingDirectory,
            IDictionary<string, string>? environment = null,
            string? standardInput = null)
        {
            string fileName = Path.IsPathRooted(name) ? name : Find(name);
            string argumentLine = string.Join(" ", arguments.Select(Quote));
            var startInfo = new ProcessStartInfo(fileName, argumentLine)
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workingDirectory,
            };
            foreach (var variable in environment ?? new Dictionary<string, string>())
            {
                startInfo.Environment[variable.Key] = variable.Value;
            }

            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"'{fileName}' did not start.");

            // Both streams are drained at once: a tool that fills one pipe while the other is read would hang.
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            if (standardInput != null)
            {
                process.StandardInput.Write(standardInput);
            }

            process.StandardInput.Close();
            if (!process.WaitForExit((int)RunTimeout.TotalMilliseconds))
            {
                process.Kill();
                process.WaitForExit();
                throw new TimeoutException($"'{name} {argumentLine}' did not finish within {RunTimeout}.");
            }

            return new ToolResult(Path.GetFileName(fileName) + " " + argumentLine, process.ExitCode, output.Result + errors.Result);
        }

        /// <summary>One argument as the process start line needs it: quoted when it holds blanks or quotes.</summary>
        internal static string Quote(string argument) =>
            argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '"', '\t' }) < 0
                ? argument
                : "\"" + argument.Replace("\"", "\\\"") + "\"";
    }

    /// <summary>How a tool ended: its exit code and everything it wrote.</summary>
    public sealed class ToolResult
    {
        internal ToolResult(string commandLine, int exitCode, string output)
        {
            CommandLine = commandLine;
            ExitCode = exitCode;
            Output = output;
        }

        public string CommandLine { get; }

        public int ExitCode { get; }

        /// <summary>Standard output followed by standard error.</summary>
        public string Output { get; }
    }
}
