using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>
    /// A long-running child (a ZooKeeper JVM, a KDC) whose stdout and stderr are appended to a log file, and which is
    /// stopped by its own process id only.
    /// </summary>
    internal sealed class LoggedProcess
    {
        private readonly Process process;
        private readonly StreamWriter log;
        private readonly object logLock = new object();
        private bool forgotten;
        private bool logClosed;

        private LoggedProcess(Process process, StreamWriter log)
        {
            this.process = process;
            this.log = log;
        }

        public int Id => process.Id;

        public bool HasExited => process.HasExited;

        public int ExitCode => process.ExitCode;

        public static LoggedProcess Start(
            string fileName, IEnumerable<string> arguments, string workingDirectory, string logFile, IDictionary<string, string>? environment = null)
        {
            var startInfo = new ProcessStartInfo(fileName, string.Join(" ", arguments.Select(ExternalTool.Quote)))
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                // The child must not read from (or hold) the console of the test process.
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workingDirectory,
            };
            foreach (var variable in environment ?? new Dictionary<string, string>())
            {
                startInfo.Environment[variable.Key] = variable.Value;
            }

            var log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false))
            {
                AutoFlush = true,
            };
            var started = new Process { StartInfo = startInfo };
            var logged = new LoggedProcess(started, log);
            started.OutputDataReceived += (_, e) => logged.WriteLog(e.Data);
            started.ErrorDataReceived += (_, e) => logged.WriteLog(e.Data);
            try
            {
                started.Start();
            }
            catch
            {
                log.Dispose();
                started.Dispose();
                throw;
            }

            started.BeginOutputReadLine();
            started.BeginErrorReadLine();
            return logged;
        }

        /// <summary>The last lines of a log file, or "(no log)"; readable while the process still writes to it.</summary>
        public static string Tail(string logFile, int lines = 40)
        {
            if (!File.Exists(logFile))
            {
                return "(no log)";
            }

            using var reader = new StreamReader(new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            var all = reader.ReadToEnd().Split('\n');
            return string.Join("\n", all.Skip(Math.Max(0, all.Length - lines)));
        }

        /// <summary>Asks the process to end (SIGTERM, where there is one) and kills it when it has not ended within <paramref name="grace"/>.</summary>
        public void Stop(TimeSpan grace)
        {
            if (!process.HasExited && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                using Process? term = Process.Start(new ProcessStartInfo("kill", "-TERM " + process.Id.ToString(CultureInfo.InvariantCulture))
                {
                    UseShellExecute = false,
                    CreateNoWindow = true,
                });
                term?.WaitForExit();
                if (process.WaitForExit((int)grace.TotalMilliseconds))
                {
                    Forget();
                    return;
                }
            }

            Kill();
        }

        /// <summary>Kills the process at once (SIGKILL), waits until it is gone and lets go of it and of the log.</summary>
        public void Kill()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }

            Forget();
        }

        /// <summary>Waits for the (dead) process to be reaped and its output drained, then closes the log.</summary>
        public void Forget()
        {
            if (forgotten)
            {
                return;
            }

            forgotten = true;
            process.WaitForExit();
            process.Dispose();
            lock (logLock)
            {
                logClosed = true;
                log.Dispose();
            }
        }

        private void WriteLog(string? line)
        {
            if (line == null)
            {
                return;
            }

            lock (logLock)
            {
                if (!logClosed)
                {
                    log.WriteLine(line);
                }
            }
        }
    }
}
