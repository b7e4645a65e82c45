namespace HomeNode.App.Config
{
    /// <summary>The <c>[broker]</c> section: where and how the MQTT client connects. Fields hold the defaults until parsed.</summary>
    public sealed class BrokerSettings
    {
        // IANA service names "mqtt" and "secure-mqtt"
        public const int DefaultPort = 1883;
        public const int DefaultTlsPort = 8883;

        public const int DefaultKeepAliveSeconds = 60;

        /// <summary>The range AWS IoT Core accepts for keep-alive; other brokers accept 1..65535 (MQTT 3.1.1 §3.1.2.10).</summary>
        public const int AwsIotMinKeepAliveSeconds = 30;
        public const int AwsIotMaxKeepAliveSeconds = 1200;

        public const int DefaultReconnectMaxDelaySeconds = 60;

        /// <summary>
        /// <c>session_expiry</c> when not set (protocol 5): a day. A board away longer starts a new session, which costs
        /// nothing it needs: it subscribes again at every connection and resends its own unacknowledged readings.
        /// </summary>
        public const long DefaultSessionExpirySeconds = 86400;

        /// <summary>MQTT 5.0 §3.1.2.11.2: 0xFFFFFFFF means the session does not expire.</summary>
        public const long MaxSessionExpirySeconds = 4294967295;

        /// <summary>The value of <c>profile</c> that also checks the configuration against AWS IoT Core's limits.</summary>
        public const string AwsIotProfile = "aws-iot";

        /// <summary>Prefix of the client id derived from the device name when <c>client_id</c> is not set.</summary>
        public const string DerivedClientIdPrefix = "homenode-";

        /// <summary>Host name or IP address, without scheme or port.</summary>
        public string Host;

        public int Port = DefaultPort;

        public bool UseTls;

        /// <summary><c>transport</c>: tcp, or ws for MQTT over WebSockets (wss with <see cref="UseTls"/>).</summary>
        public BrokerTransport Transport = BrokerTransport.Tcp;

        /// <summary><c>path</c>: the WebSocket endpoint's HTTP resource (ws only).</summary>
        public string WebSocketPath = Mqtt.WebSockets.WebSocketOptions.DefaultPath;

        /// <summary>Path on the board of the CA certificate (PEM), e.g. <c>I:\ca.pem</c>; null to use the one stored with the network settings.</summary>
        public string CaCertPath;

        /// <summary>Path on the board of the client certificate (PEM) for mutual TLS; null when not used. Set together with <see cref="ClientKeyPath"/>.</summary>
        public string ClientCertPath;

        /// <summary>Path on the board of the client certificate's private key (PEM); null when not used.</summary>
        public string ClientKeyPath;

        /// <summary>MQTT user name; null when not sent.</summary>
        public string Username;

        /// <summary>MQTT password; null when not sent. Needs <see cref="Username"/> (MQTT 3.1.1 §3.1.2.9).</summary>
        public string Password;

        /// <summary>MQTT client id; the parser fills in <see cref="DerivedClientIdPrefix"/> + device name when not set, so it is stable across restarts.</summary>
        public string ClientId;

        public int KeepAliveSeconds = DefaultKeepAliveSeconds;

        /// <summary><c>clean_session</c> (protocol 3.1.1 only, MQTT 3.1.1 §3.1.2.4); with protocol 5 it follows <see cref="SessionExpirySeconds"/> (0 = clean).</summary>
        public bool CleanSession;

        /// <summary><c>protocol</c>: MQTT 5.0 (default), or 3.1.1. A broker that refuses 5.0 makes the runtime fall back to 3.1.1 once.</summary>
        public Mqtt.MqttProtocolVersion Protocol = Mqtt.MqttProtocolVersion.V500;

        /// <summary><c>session_expiry</c> (protocol 5 only, MQTT 5.0 §3.1.2.11.2): seconds the broker keeps the session after the connection ends; 0 = it ends with the connection.</summary>
        public long SessionExpirySeconds = DefaultSessionExpirySeconds;

        /// <summary>The broker's limits the configuration was also checked against: <see cref="AwsIotProfile"/>, or null for none beyond MQTT 3.1.1 and the board's buffers.</summary>
        public string Profile;

        /// <summary>Upper bound of the back-off between reconnect attempts.</summary>
        public int ReconnectMaxDelaySeconds = DefaultReconnectMaxDelaySeconds;
    }
}
