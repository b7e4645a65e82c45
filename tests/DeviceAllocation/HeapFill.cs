using System;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace HomeNode.Tests.DeviceAllocation
{
    /// <summary>
    /// Byte arrays that take all of the managed heap but a little headroom. nanoCLR collects garbage only when an
    /// allocation does not fit (the emulator starts with PerformGarbageCollection off, so no periodic GC; boards do the
    /// same) or when asked; with the heap full, whatever a loop allocates beyond the headroom makes a GC run, and a
    /// <see cref="WeakReference"/> to an otherwise unreachable object tells afterwards whether one did.
    /// </summary>
    public sealed class HeapFill
    {
        // One object may hold at most 0xFFFF heap blocks (CLR_RT_HeapBlock::HB_MaxSize, 12 bytes each on a 32-bit
        // device), and a heap cluster is that size too: start below it and halve when a chunk does not fit.
        private const int LargestChunk = 256 * 1024;
        private const int SmallestChunk = 64;

        private readonly object[] chunks = new object[4096];
        private int count;

        private HeapFill()
        {
        }

        /// <summary>Free bytes after the last compacting GC of <see cref="LeavingFree"/>.</summary>
        public uint Free { get; private set; }

        public static HeapFill LeavingFree(uint headroom)
        {
            HeapFill fill = new HeapFill();
            int cap = LargestChunk;
            uint free = NativeGC.Run(true);
            while (free > headroom + SmallestChunk && cap >= SmallestChunk && fill.count < fill.chunks.Length)
            {
                uint wanted = free - headroom;
                int size = wanted < cap ? (int)wanted : cap;
                try
                {
                    fill.chunks[fill.count] = new byte[size];
                    fill.count++;
                }
                catch (OutOfMemoryException)
                {
                    // no free block this large left (the rest is spread over clusters): smaller chunks
                    cap /= 2;
                }

                free = NativeGC.Run(false);
            }

            fill.Free = NativeGC.Run(true);
            return fill;
        }

        public void Release()
        {
            for (int i = 0; i < this.count; i++)
            {
                this.chunks[i] = null;
            }

            this.count = 0;
            NativeGC.Run(true);
        }
    }
}
