using System.Text;
using System.Xml;
using ConstraintTools.Notation;

namespace ConstraintTools.Reports
{
    /// <summary>
    /// Passes everything on to an XmlWriter, but text and attribute values with characters XML cannot hold (control
    /// characters such as U+0001, a lone surrogate, U+FFFE) have them written as \u0001, the way
    /// <see cref="Display.Excerpt"/> shows them: the XmlWriter would throw, and a stage, item or status name with one
    /// would leave no report at all. Every text of the report goes through <see cref="WriteString"/>, element and
    /// attribute strings included, so this is the one place that decides.
    /// </summary>
    internal sealed class VisibleTextXmlWriter : XmlWriter
    {
        private readonly XmlWriter inner;

        public VisibleTextXmlWriter(XmlWriter inner) => this.inner = inner;

        public override void WriteString(string? text) => inner.WriteString(Visible(text));

        public override void WriteChars(char[] buffer, int index, int count) => WriteString(new string(buffer, index, count));

        private static string? Visible(string? text)
        {
            if (text is null) return null;
            StringBuilder? shown = null;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (XmlConvert.IsXmlChar(c)) shown?.Append(c);
                else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c)) shown?.Append(c).Append(text[++i]);
                else Display.AppendCodeEscape(shown ??= new StringBuilder(text.Length + 16).Append(text, 0, i), c);
            }
            return shown?.ToString() ?? text;
        }

        public override WriteState WriteState => inner.WriteState;
        public override void Flush() => inner.Flush();
        public override string? LookupPrefix(string ns) => inner.LookupPrefix(ns);
        public override void WriteBase64(byte[] buffer, int index, int count) => inner.WriteBase64(buffer, index, count);
        public override void WriteCData(string? text) => inner.WriteCData(text);
        public override void WriteCharEntity(char ch) => inner.WriteCharEntity(ch);
        public override void WriteComment(string? text) => inner.WriteComment(text);
        public override void WriteDocType(string name, string? pubid, string? sysid, string? subset) => inner.WriteDocType(name, pubid, sysid, subset);
        public override void WriteEndAttribute() => inner.WriteEndAttribute();
        public override void WriteEndDocument() => inner.WriteEndDocument();
        public override void WriteEndElement() => inner.WriteEndElement();
        public override void WriteEntityRef(string name) => inner.WriteEntityRef(name);
        public override void WriteFullEndElement() => inner.WriteFullEndElement();
        public override void WriteProcessingInstruction(string name, string? text) => inner.WriteProcessingInstruction(name, text);
        public override void WriteRaw(char[] buffer, int index, int count) => inner.WriteRaw(buffer, index, count);
        public override void WriteRaw(string data) => inner.WriteRaw(data);
        public override void WriteStartAttribute(string? prefix, string localName, string? ns) => inner.WriteStartAttribute(prefix, localName, ns);
        public override void WriteStartDocument() => inner.WriteStartDocument();
        public override void WriteStartDocument(bool standalone) => inner.WriteStartDocument(standalone);
        public override void WriteStartElement(string? prefix, string localName, string? ns) => inner.WriteStartElement(prefix, localName, ns);
        public override void WriteSurrogateCharEntity(char lowChar, char highChar) => inner.WriteSurrogateCharEntity(lowChar, highChar);
        public override void WriteWhitespace(string? ws) => inner.WriteWhitespace(ws);

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
