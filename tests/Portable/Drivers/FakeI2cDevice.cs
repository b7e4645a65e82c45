using System.Collections;
using HomeNode.Drivers;

namespace HomeNode.Tests.Drivers
{
    /// <summary>
    /// A register-map I2C device for tests: 256 registers, the first byte of a write sets the register pointer,
    /// further bytes are stored with auto-increment, reads return registers from the pointer with auto-increment.
    /// Records every accepted Write; can be told to NACK every transaction.
    /// </summary>
    public sealed class FakeI2cDevice : II2cDevice
    {
        public readonly byte[] Registers = new byte[256];

        /// <summary>Each accepted <see cref="Write"/> as a byte[] copy, in order (register selects of WriteRead are not writes).</summary>
        public readonly ArrayList Writes = new ArrayList();

        /// <summary>When true every transaction fails, as a missing or hung device does.</summary>
        public bool Nack;

        /// <summary>Transactions attempted, NACKed ones included.</summary>
        public int TransactionCount;

        private int pointer;
        private int transientRegister = -1;
        private byte transientValue;
        private int transientReads;

        /// <summary>The next <paramref name="reads"/> reads of <paramref name="register"/> return <paramref name="value"/> instead of the stored byte.</summary>
        public void SetTransient(byte register, byte value, int reads)
        {
            this.transientRegister = register;
            this.transientValue = value;
            this.transientReads = reads;
        }

        /// <summary>Stores a 16-bit value little-endian at <paramref name="register"/>, <paramref name="register"/> + 1.</summary>
        public void SetWordLittleEndian(int register, int value)
        {
            this.Registers[register] = (byte)(value & 0xFF);
            this.Registers[register + 1] = (byte)((value >> 8) & 0xFF);
        }

        /// <summary>Index in <see cref="Writes"/> of the first write of a value to <paramref name="register"/> at or after <paramref name="start"/>; -1 if none.</summary>
        public int IndexOfRegisterWrite(byte register, int start)
        {
            for (int i = start; i < this.Writes.Count; i++)
            {
                byte[] write = (byte[])this.Writes[i];
                if (write.Length >= 2 && write[0] == register)
                {
                    return i;
                }
            }

            return -1;
        }

        public int CountRegisterWrites(byte register)
        {
            int count = 0;
            int index = this.IndexOfRegisterWrite(register, 0);
            while (index >= 0)
            {
                count++;
                index = this.IndexOfRegisterWrite(register, index + 1);
            }

            return count;
        }

        public bool Write(byte[] buffer, int offset, int count)
        {
            this.TransactionCount++;
            if (this.Nack)
            {
                return false;
            }

            byte[] copy = new byte[count];
            for (int i = 0; i < count; i++)
            {
                copy[i] = buffer[offset + i];
            }

            this.Writes.Add(copy);
            if (count > 0)
            {
                this.pointer = buffer[offset];
                for (int i = 1; i < count; i++)
                {
                    this.Registers[this.pointer] = buffer[offset + i];
                    this.pointer = (this.pointer + 1) & 0xFF;
                }
            }

            return true;
        }

        public bool Read(byte[] buffer, int offset, int count)
        {
            this.TransactionCount++;
            if (this.Nack)
            {
                return false;
            }

            this.ReadFromPointer(buffer, offset, count);
            return true;
        }

        public bool WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount)
        {
            this.TransactionCount++;
            if (this.Nack)
            {
                return false;
            }

            if (writeCount > 0)
            {
                this.pointer = writeBuffer[writeOffset];
            }

            this.ReadFromPointer(readBuffer, readOffset, readCount);
            return true;
        }

        private void ReadFromPointer(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (this.pointer == this.transientRegister && this.transientReads > 0)
                {
                    this.transientReads--;
                    buffer[offset + i] = this.transientValue;
                }
                else
                {
                    buffer[offset + i] = this.Registers[this.pointer];
                }

                this.pointer = (this.pointer + 1) & 0xFF;
            }
        }
    }
}
