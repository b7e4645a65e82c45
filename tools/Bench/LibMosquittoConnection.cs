using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace HomeNode.Bench
{
    /// <summary>
    /// One libmosquitto client (mosquitto_new) driven the way our polled client is: no loop thread of its own
    /// (no mosquitto_loop_start), the thread that owns it calls <see cref="LoopOnce"/> (mosquitto_loop: wait on the
    /// socket, read, write) and publishes in between; the callbacks run inside that call on that thread.
    /// </summary>
    public sealed unsafe class LibMosquittoConnection : IDisposable
    {
        /// <summary>Longest wait in one mosquitto_loop when nothing arrives (the same as our client's idle wait).</summary>
        public const int IdleWaitMilliseconds = 5;

        private static readonly object InitLock = new object();
        private static bool initialised;

        private readonly GCHandle self;
        private IntPtr handle;
        private int connectResult = -1;

        /// <summary>
        /// Creates the client; <paramref name="maxInflight"/> is its own limit of QoS 1 messages in flight
        /// (MOSQ_OPT_SEND_MAXIMUM), <paramref name="protocolVersion"/> the protocol level it connects at (<see cref="MqttProtocolLevels"/>).
        /// </summary>
        public LibMosquittoConnection(string clientId, int maxInflight, int protocolVersion)
        {
            EnsureInitialised();
            self = GCHandle.Alloc(this);
            byte[] id = Terminated(clientId);
            fixed (byte* idPointer = id)
            {
                handle = LibMosquittoNative.New(idPointer, 1, GCHandle.ToIntPtr(self));
            }

            if (handle == IntPtr.Zero)
            {
                self.Free();
                throw new InvalidOperationException("mosquitto_new failed for " + clientId);
            }

            Check(LibMosquittoNative.IntOption(handle, LibMosquittoNative.OptionProtocolVersion, protocolVersion == MqttProtocolLevels.V500 ? LibMosquittoNative.MqttV5 : LibMosquittoNative.MqttV311), "MOSQ_OPT_PROTOCOL_VERSION");
            Check(LibMosquittoNative.IntOption(handle, LibMosquittoNative.OptionTcpNoDelay, 1), "MOSQ_OPT_TCP_NODELAY");
            Check(LibMosquittoNative.MaxInflightMessagesSet(handle, (uint)maxInflight), "mosquitto_max_inflight_messages_set");
            LibMosquittoNative.ConnectCallbackSet(handle, &OnConnect);
            LibMosquittoNative.PublishCallbackSet(handle, &OnPublish);
            LibMosquittoNative.SubscribeCallbackSet(handle, &OnSubscribe);
            LibMosquittoNative.MessageCallbackSet(handle, &OnMessage);
        }

        /// <summary>Called inside <see cref="LoopOnce"/> for each incoming PUBLISH: payload pointer and length, valid only during the call.</summary>
        public delegate void MessageArrival(IntPtr payload, int length);

        public MessageArrival MessageArrived { get; set; }

        /// <summary>on_publish calls so far: QoS 1 = PUBACK received, QoS 0 = handed to the socket. Read and written on the looping thread.</summary>
        public long Acknowledged { get; private set; }

        public bool Subscribed { get; private set; }

        /// <summary>mosquitto's own version, e.g. "libmosquitto 2.0.11".</summary>
        public static string Version
        {
            get
            {
                EnsureInitialised();
                LibMosquittoNative.LibVersion(out int major, out int minor, out int revision);
                return "libmosquitto " + major + "." + minor + "." + revision;
            }
        }

        /// <summary>Connects (mosquitto_connect blocks for the TCP connect and sends CONNECT), then loops until CONNACK.</summary>
        public void Connect(string host, int port, TimeSpan timeout)
        {
            byte[] hostBytes = Terminated(host);
            int result;
            fixed (byte* hostPointer = hostBytes)
            {
                result = LibMosquittoNative.Connect(handle, hostPointer, port, 60);
            }

            Check(result, "mosquitto_connect " + host + ":" + port);
            LoopUntil(() => connectResult >= 0, timeout, "CONNACK");
            if (connectResult != 0)
            {
                throw new InvalidOperationException("libmosquitto: broker refused the connection, CONNACK code " + connectResult);
            }
        }

        public void Subscribe(string filter, int qos, TimeSpan timeout)
        {
            byte[] filterBytes = Terminated(filter);
            fixed (byte* filterPointer = filterBytes)
            {
                Check(LibMosquittoNative.Subscribe(handle, null, filterPointer, qos), "mosquitto_subscribe " + filter);
            }

            LoopUntil(() => Subscribed, timeout, "SUBACK for " + filter);
        }

        /// <summary>Publishes <paramref name="payload"/> to <paramref name="topic"/> (a NUL-terminated UTF-8 topic from <see cref="Terminated"/>); libmosquitto copies the payload. Allocates nothing managed.</summary>
        public int Publish(byte[] topic, byte[] payload, int qos)
        {
            fixed (byte* topicPointer = topic)
            fixed (byte* payloadPointer = payload)
            {
                return LibMosquittoNative.Publish(handle, null, topicPointer, payload.Length, payloadPointer, qos, 0);
            }
        }

        /// <summary>True when libmosquitto holds bytes its socket did not take yet (a flood filled the kernel's send buffer).</summary>
        public bool WantsWrite => LibMosquittoNative.WantWrite(handle) != 0;

        /// <summary>One mosquitto_loop: waits at most <paramref name="timeoutMilliseconds"/> for the socket, reads and writes; callbacks run inside.</summary>
        public int LoopOnce(int timeoutMilliseconds)
        {
            return LibMosquittoNative.Loop(handle, timeoutMilliseconds, 1);
        }

        /// <summary>Loops until <see cref="Acknowledged"/> reaches <paramref name="count"/>; false when the loop failed or the deadline (a Stopwatch timestamp) passed.</summary>
        public bool LoopUntilAcknowledged(long count, long deadline)
        {
            while (Acknowledged < count)
            {
                if (LoopOnce(IdleWaitMilliseconds) != LibMosquittoNative.Success || Stopwatch.GetTimestamp() > deadline)
                {
                    return false;
                }
            }

            return true;
        }

        public void Disconnect()
        {
            if (LibMosquittoNative.Disconnect(handle) == LibMosquittoNative.Success)
            {
                // one pass writes the DISCONNECT that mosquitto_disconnect queued
                LoopOnce(0);
            }
        }

        public void Dispose()
        {
            if (handle != IntPtr.Zero)
            {
                LibMosquittoNative.Destroy(handle);
                handle = IntPtr.Zero;
                self.Free();
            }
        }

        /// <summary>A NUL-terminated UTF-8 copy of <paramref name="text"/> for the C API.</summary>
        public static byte[] Terminated(string text)
        {
            byte[] bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
            Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
            return bytes;
        }

        private static void EnsureInitialised()
        {
            lock (InitLock)
            {
                if (!initialised)
                {
                    try
                    {
                        Check(LibMosquittoNative.LibInit(), "mosquitto_lib_init");
                    }
                    catch (DllNotFoundException e)
                    {
                        throw new InvalidOperationException("libmosquitto is not installed (test.sh installs it: apt-get install libmosquitto1): " + e.Message, e);
                    }

                    initialised = true;
                }
            }
        }

        private static void Check(int result, string what)
        {
            if (result != LibMosquittoNative.Success)
            {
                throw new InvalidOperationException("libmosquitto: " + what + " failed: " + LibMosquittoNative.Describe(result));
            }
        }

        private void LoopUntil(Func<bool> condition, TimeSpan timeout, string what)
        {
            Stopwatch waited = Stopwatch.StartNew();
            while (!condition())
            {
                int result = LoopOnce(IdleWaitMilliseconds);
                if (result != LibMosquittoNative.Success)
                {
                    throw new InvalidOperationException("libmosquitto: no " + what + ", loop failed: " + LibMosquittoNative.Describe(result));
                }

                if (waited.Elapsed > timeout)
                {
                    throw new TimeoutException("libmosquitto: no " + what + " within " + timeout);
                }
            }
        }

        private static LibMosquittoConnection From(IntPtr userData)
        {
            return (LibMosquittoConnection)GCHandle.FromIntPtr(userData).Target;
        }

        [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
        private static void OnConnect(IntPtr mosq, IntPtr userData, int result)
        {
            From(userData).connectResult = result;
        }

        [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
        private static void OnPublish(IntPtr mosq, IntPtr userData, int mid)
        {
            From(userData).Acknowledged++;
        }

        [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
        private static void OnSubscribe(IntPtr mosq, IntPtr userData, int mid, int qosCount, int* grantedQos)
        {
            // MQTT 3.1.1 §3.9.3: 0x80 in the SUBACK is a failure
            From(userData).Subscribed = qosCount > 0 && grantedQos[0] != 0x80;
        }

        [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
        private static void OnMessage(IntPtr mosq, IntPtr userData, LibMosquittoMessage* message)
        {
            From(userData).MessageArrived?.Invoke(message->Payload, message->PayloadLength);
        }
    }
}
