using System.Collections;
using HomeNode.Drivers;

namespace HomeNode.Tests.Drivers
{
    /// <summary>
    /// A command-style I2C device for tests (SHT3x and the like): records each Write, answers each Read with the
    /// bytes of <see cref="Response"/>; <see cref="NackWrites"/> and <see cref="NackReads"/> fail those transactions.
    /// </summary>
    public sealed class ScriptedI2cDevice : II2cDevice
    {
        public readonly ArrayList Writes = new ArrayList();

        public byte[] Response = new byte[0];

        public bool NackWrites;

        public bool NackReads;

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
            if (this.NackReads || count > this.Response.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = this.Response[i];
            }

            return true;
        }

        public bool WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount)
        {
            return this.Write(writeBuffer, writeOffset, writeCount) && this.Read(readBuffer, readOffset, readCount);
        }
    }
}
