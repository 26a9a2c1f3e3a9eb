using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace ConstraintTools.Host
{
    /// <summary>
    /// A non-interactive PowerShell host that writes everything as text: to the console for the
    /// command-line host, or to a buffer in tests that check what a table looks like.
    /// </summary>
    public sealed class TextHost : PSHost
    {
        private readonly TextUserInterface ui;

        /// <param name="plainText">Strip the ANSI styling PowerShell puts into tables and errors, for files, pipes and tests.</param>
        public TextHost(TextWriter output, TextWriter errors, int width, bool plainText)
        {
            ui = new TextUserInterface(plainText ? new PlainTextWriter(output) : output, plainText ? new PlainTextWriter(errors) : errors, width);
        }

        public override string Name => "ConstraintTools.Host";
        public override Version Version { get; } = typeof(TextHost).Assembly.GetName().Version ?? new Version(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => ui;
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

        /// <summary>The code a script passed to <c>exit</c>, if it called it.</summary>
        public int? ExitCode { get; private set; }

        public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
        public override void EnterNestedPrompt() => throw new NotSupportedException("This host is not interactive.");
        public override void ExitNestedPrompt() => throw new NotSupportedException("This host is not interactive.");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }

        private sealed class TextUserInterface : PSHostUserInterface
        {
            private readonly TextWriter output;
            private readonly TextWriter errors;

            public TextUserInterface(TextWriter output, TextWriter errors, int width)
            {
                this.output = output;
                this.errors = errors;
                RawUI = new FixedRawUserInterface(width);
            }

            public override PSHostRawUserInterface RawUI { get; }
            public override void Write(string value) => output.Write(value);
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => output.Write(value);
            public override void WriteLine(string value) => output.WriteLine(value);
            public override void WriteErrorLine(string value) => errors.WriteLine(value);
            public override void WriteWarningLine(string message) => errors.WriteLine("WARNING: " + message);
            public override void WriteVerboseLine(string message) => errors.WriteLine("VERBOSE: " + message);
            public override void WriteDebugLine(string message) => errors.WriteLine("DEBUG: " + message);
            public override void WriteProgress(long sourceId, ProgressRecord record) { }
            public override void WriteInformation(InformationRecord record) => output.WriteLine(record.MessageData);

            public override string ReadLine() => throw Interactive();
            public override SecureString ReadLineAsSecureString() => throw Interactive();
            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw Interactive();
            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw Interactive();
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw Interactive();
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw Interactive();

            private static Exception Interactive() => new PSNotSupportedException("This host is not interactive: pass every value as a parameter (and -Confirm:$false).");
        }

        private sealed class PlainTextWriter : TextWriter
        {
            private static readonly Regex Styling = new Regex("\u001b\\[[0-9;?]*[A-Za-z]", RegexOptions.Compiled);
            private readonly TextWriter inner;

            public PlainTextWriter(TextWriter inner) => this.inner = inner;

            public override Encoding Encoding => inner.Encoding;
            public override void Write(char value) => inner.Write(value);
            public override void Write(string? value) => inner.Write(value is null ? null : Styling.Replace(value, ""));
            public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Styling.Replace(value, ""));
            public override void Flush() => inner.Flush();
        }

        private sealed class FixedRawUserInterface : PSHostRawUserInterface
        {
            public FixedRawUserInterface(int width)
            {
                BufferSize = new Size(width, 9999);
                WindowSize = new Size(width, 50);
            }

            public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
            public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
            public override Size BufferSize { get; set; }
            public override Coordinates CursorPosition { get; set; }
            public override int CursorSize { get; set; }
            public override bool KeyAvailable => false;
            public override Size MaxPhysicalWindowSize => WindowSize;
            public override Size MaxWindowSize => WindowSize;
            public override Coordinates WindowPosition { get; set; }
            public override Size WindowSize { get; set; }
            public override string WindowTitle { get; set; } = "ConstraintTools";
            public override void FlushInputBuffer() { }
            public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
            public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("This host is not interactive.");
            public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
            public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
            public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
        }
    }
}
