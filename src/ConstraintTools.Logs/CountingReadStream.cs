using System;
using System.IO;

namespace ConstraintTools.Logs
{
    /// <summary>
    /// Reads another stream forward only, counting the bytes taken from it, and can look at its first bytes
    /// and give them back: what a log reader needs from a file, and all that a named pipe (which cannot seek
    /// or state a length) can give.
    /// </summary>
    internal sealed class CountingReadStream : Stream
    {
        private readonly Stream inner;
        private byte[] given = Array.Empty<byte>();
        private int givenAt;

        public CountingReadStream(Stream inner) => this.inner = inner;

        /// <summary>Bytes taken from the stream underneath so far.</summary>
        public long BytesRead { get; private set; }

        /// <summary>Up to <paramref name="count"/> bytes from the start, which the next reads return again. Only before any read.</summary>
        public byte[] Peek(int count)
        {
            if (BytesRead > 0) throw new InvalidOperationException("Peek is only for the start of the stream.");
            var head = new byte[count];
            var length = 0;
            int read;
            while (length < count && (read = inner.Read(head, length, count - length)) > 0) length += read;
            Array.Resize(ref head, length);
            BytesRead = length;
            given = head;
            return head;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (givenAt < given.Length)
            {
                var n = Math.Min(count, given.Length - givenAt);
                Buffer.BlockCopy(given, givenAt, buffer, offset, n);
                givenAt += n;
                return n;
            }
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
