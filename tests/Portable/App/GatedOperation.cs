using System.Threading;
using HomeNode.App.Connection;

namespace HomeNode.Tests.App
{
    /// <summary>
    /// A blocking operation a test controls: Run waits until <see cref="Release"/> (or Cancel, when
    /// <see cref="CancelReleases"/>) and returns <see cref="Result"/>; an open gate lets Run return at once.
    /// </summary>
    public sealed class GatedOperation : IBlockingOperation
    {
        private readonly ManualResetEvent gate = new ManualResetEvent(false);
        public bool Result;
        public bool CancelReleases;
        public bool Throws;
        public int Runs;
        public int Cancels;
        public int Discards;

        public GatedOperation(bool open)
        {
            if (open)
            {
                this.gate.Set();
            }
        }

        public bool Run()
        {
            this.gate.WaitOne();
            Interlocked.Increment(ref this.Runs);
            if (this.Throws)
            {
                throw new System.InvalidOperationException("op");
            }

            return this.Result;
        }

        public void Cancel()
        {
            Interlocked.Increment(ref this.Cancels);
            if (this.CancelReleases)
            {
                this.Result = false;
                this.gate.Set();
            }
        }

        public void Discard()
        {
            Interlocked.Increment(ref this.Discards);
        }

        public void Release(bool result)
        {
            this.Result = result;
            this.gate.Set();
        }

        public void Close()
        {
            this.gate.Reset();
        }
    }
}
