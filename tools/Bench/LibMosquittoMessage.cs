using System;
using System.Runtime.InteropServices;

namespace HomeNode.Bench
{
    /// <summary>struct mosquitto_message of mosquitto.h, as libmosquitto hands it to the message callback (valid only during the call).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct LibMosquittoMessage
    {
        public int Mid;
        public IntPtr Topic;
        public IntPtr Payload;
        public int PayloadLength;
        public int Qos;

        /// <summary>C bool.</summary>
        public byte Retain;
    }
}
