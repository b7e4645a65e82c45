using HomeNode.Mqtt;

namespace HomeNode.App.Discovery
{
    /// <summary>
    /// A forward-only JSON writer into a caller buffer (RFC 8259), placing commas itself. Allocated once and
    /// reused through <see cref="Reset"/>. A write that does not fit, a null string or a lone surrogate marks
    /// the writer failed and <see cref="Length"/> returns -1; later calls do nothing.
    /// </summary>
    public sealed class JsonWriter
    {
        /// <summary>Nesting the comma bookkeeping can track (one bit per level).</summary>
        public const int MaxDepth = 31;

        private const string HexDigits = "0123456789ABCDEF";

        private byte[] buffer;
        private int start;
        private int end;
        private int position;
        private bool failed;
        private int depth;
        private int valueWrittenAtDepth;
        private bool afterName;

        public bool Failed
        {
            get { return this.failed; }
        }

        /// <summary>Bytes written since <see cref="Reset"/>, or -1 if the writer failed.</summary>
        public int Length
        {
            get { return this.failed ? -1 : this.position - this.start; }
        }

        [SteadyState]
        public void Reset(byte[] buffer, int offset, int count)
        {
            this.buffer = buffer;
            this.start = offset;
            this.end = offset + count;
            this.position = offset;
            this.depth = 0;
            this.valueWrittenAtDepth = 0;
            this.afterName = false;
            this.failed = buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count;
        }

        [SteadyState]
        public void BeginObject()
        {
            this.BeginValue();
            this.Put((byte)'{');
            this.Push();
        }

        [SteadyState]
        public void EndObject()
        {
            this.Pop();
            this.Put((byte)'}');
        }

        [SteadyState]
        public void BeginArray()
        {
            this.BeginValue();
            this.Put((byte)'[');
            this.Push();
        }

        [SteadyState]
        public void EndArray()
        {
            this.Pop();
            this.Put((byte)']');
        }

        [SteadyState]
        public void PropertyName(string name)
        {
            this.BeginValue();
            this.WriteQuoted(name);
            this.Put((byte)':');
            this.afterName = true;
        }

        [SteadyState]
        public void StringValue(string value)
        {
            this.BeginValue();
            this.WriteQuoted(value);
        }

        /// <summary>A string value from UTF-8 bytes (a topic composed earlier), escaped like a string.</summary>
        [SteadyState]
        public void StringValue(byte[] utf8, int offset, int count)
        {
            this.BeginValue();
            if (utf8 == null || offset < 0 || count < 0 || offset > utf8.Length - count)
            {
                this.failed = true;
                return;
            }

            this.Put((byte)'"');
            for (int i = 0; i < count; i++)
            {
                this.PutEscaped(utf8[offset + i]);
            }

            this.Put((byte)'"');
        }

        /// <summary>An integer value (diagnostics counters), formatted in place.</summary>
        [SteadyState]
        public void NumberValue(long value)
        {
            this.BeginValue();
            if (this.failed)
            {
                return;
            }

            int written = HomeNode.App.Payloads.DecimalFormatter.WriteInteger(value, this.buffer, this.position, this.end - this.position);
            if (written < 0)
            {
                this.failed = true;
                return;
            }

            this.position += written;
        }

        [SteadyState]
        public void Property(string name, long value)
        {
            this.PropertyName(name);
            this.NumberValue(value);
        }

        [SteadyState]
        public void Property(string name, string value)
        {
            this.PropertyName(name);
            this.StringValue(value);
        }

        private void BeginValue()
        {
            if (this.afterName)
            {
                this.afterName = false;
                return;
            }

            int bit = 1 << this.depth;
            if ((this.valueWrittenAtDepth & bit) != 0)
            {
                this.Put((byte)',');
            }

            this.valueWrittenAtDepth |= bit;
        }

        private void Push()
        {
            if (this.depth >= MaxDepth)
            {
                this.failed = true;
                return;
            }

            this.depth++;
            this.valueWrittenAtDepth &= ~(1 << this.depth);
        }

        private void Pop()
        {
            if (this.depth == 0)
            {
                this.failed = true;
                return;
            }

            this.depth--;
        }

        private void Put(byte value)
        {
            if (this.failed)
            {
                return;
            }

            if (this.position >= this.end)
            {
                this.failed = true;
                return;
            }

            this.buffer[this.position++] = value;
        }

        /// <summary>RFC 8259 §7: quotation mark, reverse solidus and U+0000..U+001F must be escaped.</summary>
        private void PutEscaped(byte value)
        {
            if (value == '"' || value == '\\')
            {
                this.Put((byte)'\\');
                this.Put(value);
            }
            else if (value < 0x20)
            {
                this.Put((byte)'\\');
                this.Put((byte)'u');
                this.Put((byte)'0');
                this.Put((byte)'0');
                this.Put((byte)HexDigits[value >> 4]);
                this.Put((byte)HexDigits[value & 0xF]);
            }
            else
            {
                this.Put(value);
            }
        }

        /// <summary>A character above U+007F, encoded by the firmware's one codec (<see cref="MqttUtf8"/>).</summary>
        private void PutCodePoint(int codePoint)
        {
            if (this.failed)
            {
                return;
            }

            if (MqttUtf8.EncodedLength(codePoint) > this.end - this.position)
            {
                this.failed = true;
                return;
            }

            this.position += MqttUtf8.WriteCodePoint(codePoint, this.buffer, this.position);
        }

        private void WriteQuoted(string text)
        {
            if (text == null)
            {
                this.failed = true;
                return;
            }

            this.Put((byte)'"');
            int length = text.Length;
            int units;
            for (int i = 0; i < length; i += units)
            {
                if (text[i] == 0)
                {
                    // .NET strings can hold U+0000 and JSON can carry it escaped (RFC 8259 §7)
                    units = 1;
                    this.PutEscaped(0);
                    continue;
                }

                int codePoint = MqttUtf8.CodePointAt(text, i, out units);
                if (codePoint < 0)
                {
                    // a lone surrogate has no UTF-8 form (RFC 3629 §3)
                    this.failed = true;
                    return;
                }

                if (codePoint < 0x80)
                {
                    this.PutEscaped((byte)codePoint);
                }
                else
                {
                    this.PutCodePoint(codePoint);
                }
            }

            this.Put((byte)'"');
        }
    }
}
