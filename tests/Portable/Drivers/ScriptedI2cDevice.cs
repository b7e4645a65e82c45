using System.Collections;
using HomeNode.Drivers;

namespace HomeNode.Tests.Drivers
{
    /// <summary>
    /// A command-style I2C device for tests (SHT3x and the like): records each Write, answers each Read with the
    /// next of <see cref="QueuedResponses"/> or else the bytes of <see cref="Response"/>; <see cref="NackWrites"/> and
    /// <see cref="NackReads"/> fail those transactions, <see cref="NackNextReads"/> only the next few reads.
    /// </summary>
    public sealed class ScriptedI2cDevice : II2cDevice
    {
        public readonly ArrayList Writes = new ArrayList();

        public byte[] Response = new byte[0];

        public bool NackWrites;

        public bool NackReads;

        /// <summary>Answers (byte[]) for the next reads, used up in order before <see cref="Response"/>.</summary>
        public readonly ArrayList QueuedResponses = new ArrayList();

        /// <summary>This many of the next reads are NACKed; then reads answer again.</summary>
        public int NackNextReads;

        public int ReadCount;

        public bool Write(byte[] buffer, int offset, int count)
        {
            if (this.NackWrites)
            {
                return false;
            }

            byte[] copy = new byte[count];
            for (int i = 0; i < count; i++)
            {
                copy[i] = buffer[offset + i];
            }

            this.Writes.Add(copy);
            return true;
        }

        public bool Read(byte[] buffer, int offset, int count)
        {
            this.ReadCount++;
            if (this.NackNextReads > 0)
            {
                this.NackNextReads--;
                return false;
            }

            byte[] response = this.Response;
            if (this.QueuedResponses.Count > 0)
            {
                response = (byte[])this.QueuedResponses[0];
                this.QueuedResponses.RemoveAt(0);
            }

            if (this.NackReads || count > response.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = response[i];
            }

            return true;
        }

        public bool WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount)
        {
            return this.Write(writeBuffer, writeOffset, writeCount) && this.Read(readBuffer, readOffset, readCount);
        }
    }
}
