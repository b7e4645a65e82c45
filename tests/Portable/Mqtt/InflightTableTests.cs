using System;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>The in-flight table on its own: sizes it refuses, per-slot bookkeeping.</summary>
    public static class InflightTableTests
    {
        public static void SizesThatCannotWorkAreRefused()
        {
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { new InflightTable(0, 32, 1); }, "no slot");
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { new InflightTable(1, 3, 1); }, "slot smaller than an acknowledgement");
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { new InflightTable(1, 32, 0); }, "no incoming slot");

            // More slots than packet ids (1 to 65,535, MQTT-2.3.1-1): a free slot could have no free id.
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { new InflightTable(65536, 4, 1); }, "65,536 slots");
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { new InflightTable(1, 32, 65536); }, "65,536 incoming slots");
        }

        public static void StorageThatOverflowsAnIntIsRefused()
        {
            // 4 x 0x40000001 wraps to 4: without the check the table would silently get 4 bytes of storage.
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { new InflightTable(4, 0x40000001, 1); }, "wraps to a small size");
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { new InflightTable(2, 0x40000000, 1); }, "wraps to a negative size");
        }
    }
}
