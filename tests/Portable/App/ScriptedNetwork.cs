using HomeNode.App.Connection;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.App
{
    /// <summary>
    /// DNS and TCP for <see cref="BrokerDialer"/> tests: the answer DNS gives, and per address whether a connect
    /// succeeds, is refused at once, or hangs until its time-out (the fake clock moves on by that much).
    /// </summary>
    public sealed class ScriptedNetwork : IHostResolver, IAddressConnector
    {
        public const int Refuses = 0;
        public const int Accepts = 1;
        public const int Hangs = 2;

        public readonly FakeClock Clock = new FakeClock();
        public uint[] Answer = new uint[0];
        public int Lookups;
        public long LookupMilliseconds;
        public readonly uint[] Addresses = new uint[8];
        public readonly int[] Behaviours = new int[8];
        public int Known;
        public string Tried = string.Empty;
        public int LastTimeout;

        public static uint Ip(int a, int b, int c, int d)
        {
            return (uint)(a | (b << 8) | (c << 16) | (d << 24));
        }

        public void Set(uint address, int behaviour)
        {
            for (int i = 0; i < this.Known; i++)
            {
                if (this.Addresses[i] == address)
                {
                    this.Behaviours[i] = behaviour;
                    return;
                }
            }

            this.Addresses[this.Known] = address;
            this.Behaviours[this.Known++] = behaviour;
        }

        public int Resolve(uint[] addresses)
        {
            this.Lookups++;
            this.Clock.Advance(this.LookupMilliseconds);
            int count = 0;
            for (; count < this.Answer.Length && count < addresses.Length; count++)
            {
                addresses[count] = this.Answer[count];
            }

            return count;
        }

        public bool Connect(uint address, int timeoutMilliseconds)
        {
            this.LastTimeout = timeoutMilliseconds;
            this.Tried = this.Tried + ((address >> 24) & 0xFF).ToString() + " ";
            for (int i = 0; i < this.Known; i++)
            {
                if (this.Addresses[i] == address)
                {
                    if (this.Behaviours[i] == Hangs)
                    {
                        this.Clock.Advance(timeoutMilliseconds);
                    }

                    return this.Behaviours[i] == Accepts;
                }
            }

            return false;
        }
    }
}
