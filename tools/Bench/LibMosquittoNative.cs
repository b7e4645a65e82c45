using System;
using System.Runtime.InteropServices;

namespace HomeNode.Bench
{
    /// <summary>
    /// Our own declarations of the part of libmosquitto's C API (mosquitto.h of mosquitto 2.0, Debian
    /// <c>libmosquitto1</c>) the bench drives. Strings go in as NUL-terminated UTF-8 bytes prepared once, C
    /// <c>bool</c> as one byte, callbacks as unmanaged function pointers, so no call marshals or allocates.
    /// </summary>
    public static unsafe class LibMosquittoNative
    {
        /// <summary>The shared object's soname: only the runtime package is needed, not the -dev symlink.</summary>
        public const string Library = "libmosquitto.so.1";

        /// <summary>enum mosq_err_t: MOSQ_ERR_SUCCESS.</summary>
        public const int Success = 0;

        /// <summary>enum mosq_opt_t: MOSQ_OPT_SEND_MAXIMUM, the QoS 1 and 2 messages in flight at once (MQTT 3.1.1: the client's own limit).</summary>
        public const int OptionSendMaximum = 5;

        /// <summary>enum mosq_opt_t: MOSQ_OPT_TCP_NODELAY (1 = disable Nagle, as our transport and MQTTnet do).</summary>
        public const int OptionTcpNoDelay = 11;

        /// <summary>enum mosq_opt_t: MOSQ_OPT_PROTOCOL_VERSION; <see cref="MqttV311"/> (the default) or <see cref="MqttV5"/>.</summary>
        public const int OptionProtocolVersion = 1;

        /// <summary>MQTT_PROTOCOL_V311.</summary>
        public const int MqttV311 = 4;

        /// <summary>MQTT_PROTOCOL_V5: mosquitto_connect, mosquitto_publish and mosquitto_subscribe then send 5.0 packets without properties.</summary>
        public const int MqttV5 = 5;

        [DllImport(Library, EntryPoint = "mosquitto_lib_init")]
        public static extern int LibInit();

        [DllImport(Library, EntryPoint = "mosquitto_lib_version")]
        public static extern int LibVersion(out int major, out int minor, out int revision);

        [DllImport(Library, EntryPoint = "mosquitto_new")]
        public static extern IntPtr New(byte* id, byte cleanSession, IntPtr userData);

        [DllImport(Library, EntryPoint = "mosquitto_destroy")]
        public static extern void Destroy(IntPtr mosq);

        [DllImport(Library, EntryPoint = "mosquitto_int_option")]
        public static extern int IntOption(IntPtr mosq, int option, int value);

        [DllImport(Library, EntryPoint = "mosquitto_max_inflight_messages_set")]
        public static extern int MaxInflightMessagesSet(IntPtr mosq, uint maxInflightMessages);

        [DllImport(Library, EntryPoint = "mosquitto_connect")]
        public static extern int Connect(IntPtr mosq, byte* host, int port, int keepAlive);

        [DllImport(Library, EntryPoint = "mosquitto_disconnect")]
        public static extern int Disconnect(IntPtr mosq);

        [DllImport(Library, EntryPoint = "mosquitto_publish")]
        public static extern int Publish(IntPtr mosq, int* mid, byte* topic, int payloadLength, byte* payload, int qos, byte retain);

        [DllImport(Library, EntryPoint = "mosquitto_subscribe")]
        public static extern int Subscribe(IntPtr mosq, int* mid, byte* filter, int qos);

        /// <summary>One pass of the client's network loop: select/poll on its socket for up to <paramref name="timeoutMilliseconds"/>, read and write what it can, keep-alive.</summary>
        [DllImport(Library, EntryPoint = "mosquitto_loop")]
        public static extern int Loop(IntPtr mosq, int timeoutMilliseconds, int maxPackets);

        /// <summary>True (non-zero) when the client holds bytes the socket has not taken yet.</summary>
        [DllImport(Library, EntryPoint = "mosquitto_want_write")]
        public static extern byte WantWrite(IntPtr mosq);

        [DllImport(Library, EntryPoint = "mosquitto_strerror")]
        public static extern IntPtr StrError(int error);

        [DllImport(Library, EntryPoint = "mosquitto_connect_callback_set")]
        public static extern void ConnectCallbackSet(IntPtr mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, void> onConnect);

        [DllImport(Library, EntryPoint = "mosquitto_publish_callback_set")]
        public static extern void PublishCallbackSet(IntPtr mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, void> onPublish);

        [DllImport(Library, EntryPoint = "mosquitto_subscribe_callback_set")]
        public static extern void SubscribeCallbackSet(IntPtr mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, int, int*, void> onSubscribe);

        [DllImport(Library, EntryPoint = "mosquitto_message_callback_set")]
        public static extern void MessageCallbackSet(IntPtr mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, LibMosquittoMessage*, void> onMessage);

        /// <summary>What mosquitto_strerror says about <paramref name="error"/>.</summary>
        public static string Describe(int error)
        {
            return error + " (" + (Marshal.PtrToStringUTF8(StrError(error)) ?? "unknown") + ")";
        }
    }
}
