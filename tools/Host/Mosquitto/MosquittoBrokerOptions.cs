using System;
using System.Collections.Generic;

namespace HomeNode.Host.Mosquitto
{
    /// <summary>How <see cref="MosquittoBroker"/> configures its mosquitto (written to a temporary mosquitto.conf).</summary>
    public sealed class MosquittoBrokerOptions
    {
        /// <summary>allow_anonymous: clients without a user name may connect.</summary>
        public bool AllowAnonymous { get; set; } = true;

        /// <summary>
        /// persistence with the database in the broker's temp dir (data/mosquitto.db), saved after every change
        /// (mosquitto.conf(5): autosave_on_changes with autosave_interval 1).
        /// </summary>
        public bool Persistence { get; set; }

        /// <summary>Adds a TLS listener (<see cref="MosquittoBroker.TlsPort"/>) with certificates the broker makes for itself.</summary>
        public bool Tls { get; set; } = true;

        /// <summary>require_certificate on the TLS listener: clients must present a certificate signed by the test CA.</summary>
        public bool RequireCertificate { get; set; }

        /// <summary>Names in the server certificate's SAN (DNS names or IP literals).</summary>
        public string[] ServerCertificateNames { get; set; } = new[] { "localhost", "127.0.0.1" };

        /// <summary>User name to password; when not empty a password_file is written.</summary>
        public IDictionary<string, string> Users { get; } = new Dictionary<string, string>();

        /// <summary>Contents of an acl_file (mosquitto format: "user NAME", "topic read|write|readwrite FILTER"), or null.</summary>
        public string Acl { get; set; }

        /// <summary>
        /// Write the password file with mosquitto_passwd when it is installed; false writes the hash format directly
        /// (see <see cref="MosquittoPasswordFile"/>).
        /// </summary>
        public bool UseMosquittoPasswd { get; set; } = true;

        /// <summary>max_queued_messages (mosquitto.conf(5); 0 = no maximum); null keeps mosquitto's default (1000).</summary>
        public long? MaxQueuedMessages { get; set; }

        /// <summary>max_queued_bytes (0 = no maximum); null keeps mosquitto's default.</summary>
        public long? MaxQueuedBytes { get; set; }

        /// <summary>max_inflight_messages per client (0 = no maximum); null keeps mosquitto's default (20).</summary>
        public long? MaxInflightMessages { get; set; }

        /// <summary>max_inflight_bytes per client (0 = no maximum); null keeps mosquitto's default.</summary>
        public long? MaxInflightBytes { get; set; }

        /// <summary>max_packet_size: the largest packet mosquitto accepts and sends MQTT 5.0 clients as its Maximum Packet Size; null keeps the default (no limit).</summary>
        public long? MaxPacketSize { get; set; }

        /// <summary>max_qos per listener (0-2; MQTT 5.0 clients get it as Maximum QoS); null keeps the default (2).</summary>
        public int? MaxQos { get; set; }

        /// <summary>max_topic_alias per listener (MQTT 5.0 Topic Alias Maximum); null keeps the default (10).</summary>
        public int? MaxTopicAlias { get; set; }

        /// <summary>retain_available: false refuses retained messages (MQTT 5.0 Retain Available 0).</summary>
        public bool RetainAvailable { get; set; } = true;

        /// <summary>The log_type lines: what mosquitto writes to its log (and to <see cref="ConsoleLine"/>).</summary>
        public string[] LogTypes { get; set; } = { "error", "warning", "notice", "information", "subscribe", "unsubscribe" };

        /// <summary>
        /// When set, mosquitto also logs to stderr and each line it writes to its console is passed here as it comes
        /// (the bench prints the broker's errors while it runs). The log file is written either way.
        /// </summary>
        public Action<string> ConsoleLine { get; set; }
    }
}
