using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace ZooKeeperPS.PesterTests;

/// <summary>
/// A PowerShell host for tests (TestHelper.psm1 compiles it): it keeps everything written to it (Out-Host, Write-Host,
/// "What if:" messages, verbose and warning lines) and records every attempt to prompt, which then fails as it does
/// on a host that cannot interact. A runspace opened on it shows a test what a user would have seen or been asked.
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly RecordingHostUI _ui = new();

    public override string Name => "ZooKeeperPS.PesterTests.RecordingHost";

    public override Version Version => new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <summary>Everything written to the host so far, line by line.</summary>
    public string[] Lines => _ui.Text.TrimEnd('\n').Split('\n');

    /// <summary>What each attempt to prompt asked for, in order.</summary>
    public string[] Prompts => _ui.Prompts;

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}

internal sealed class RecordingHostUI : PSHostUserInterface
{
    private readonly StringBuilder _text = new();
    private readonly List<string> _prompts = new();

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public string[] Prompts
    {
        get
        {
            lock (_prompts)
            {
                return _prompts.ToArray();
            }
        }
    }

    // No console behind it: formatting then uses its default width.
    public override PSHostRawUserInterface RawUI => null!;

    public override void Write(string value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

    public override void WriteLine(string value) => Write(value + "\n");

    public override void WriteErrorLine(string value) => WriteLine("ERROR: " + value);

    public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);

    public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);

    public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    public override string ReadLine() => throw Refuse("ReadLine");

    public override SecureString ReadLineAsSecureString() => throw Refuse("ReadLineAsSecureString");

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw Refuse($"Prompt '{caption}' '{message}'");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw Refuse($"PromptForCredential '{caption}' '{message}' for '{userName}'");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        PromptForCredential(caption, message, userName, targetName);

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw Refuse($"PromptForChoice '{caption}' '{message}'");

    private PromptingException Refuse(string what)
    {
        lock (_prompts)
        {
            _prompts.Add(what);
        }
        return new PromptingException("The test host does not prompt: " + what);
    }
}
