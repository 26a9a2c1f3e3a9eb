// A PowerShell host that records what a console of a given width would print: output through Out-Default, errors
// in the error view, warnings, verbose lines and -WhatIf messages, in the order they come. HelpExamples.ps1 runs
// the help's examples in it, since -WhatIf messages reach only a host, never a stream.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace ConstraintTools.Tests
{
    public sealed class RecordingHost : PSHost
    {
        private readonly RecordingUserInterface _ui;

        public RecordingHost(int width) { _ui = new RecordingUserInterface(width); }

        public string TakePrinted() => _ui.Take();

        public override string Name => "RecordingHost";
        public override Version Version { get; } = new Version(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    internal sealed class RecordingUserInterface : PSHostUserInterface
    {
        private readonly StringBuilder _printed = new StringBuilder();
        private readonly RecordingRawUserInterface _raw;

        public RecordingUserInterface(int width) { _raw = new RecordingRawUserInterface(width); }

        public string Take()
        {
            var text = _printed.ToString();
            _printed.Clear();
            return text;
        }

        public override PSHostRawUserInterface RawUI => _raw;
        public override void Write(string value) => _printed.Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _printed.Append(value);
        public override void WriteLine(string value) => _printed.Append(value).Append('\n');
        public override void WriteErrorLine(string value) => WriteLine(value);
        public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);
        public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);
        public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override string ReadLine() => throw new NotSupportedException("An example must not prompt.");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("An example must not prompt.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException("An example must not prompt.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException("An example must not prompt.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("An example must not prompt.");
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw new NotSupportedException("An example must not prompt.");
    }

    internal sealed class RecordingRawUserInterface : PSHostRawUserInterface
    {
        public RecordingRawUserInterface(int width)
        {
            BufferSize = new Size(width, 9999);
            WindowSize = new Size(width, 50);
        }

        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override Coordinates CursorPosition { get; set; }
        public override Coordinates WindowPosition { get; set; }
        public override int CursorSize { get; set; }
        public override Size BufferSize { get; set; }
        public override Size WindowSize { get; set; }
        public override Size MaxWindowSize => WindowSize;
        public override Size MaxPhysicalWindowSize => WindowSize;
        public override bool KeyAvailable => false;
        public override string WindowTitle { get; set; } = "";
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("An example must not read keys.");
        public override void FlushInputBuffer() { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    }
}
