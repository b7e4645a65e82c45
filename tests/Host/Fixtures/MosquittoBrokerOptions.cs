using System.Collections.Generic;

namespace HomeNode.Tests.Host.Fixtures
{
    /// <summary>How <see cref="MosquittoBroker"/> configures its mosquitto (written to a temporary mosquitto.conf).</summary>
    public sealed class MosquittoBrokerOptions
    {
        /// <summary>allow_anonymous: clients without a user name may connect.</summary>
        public bool AllowAnonymous { get; set; } = true;

        /// <summary>persistence with the database in the broker's temp dir, saved after every change.</summary>
        public bool Persistence { get; set; }

        /// <summary>Adds a TLS listener (<see cref="MosquittoBroker.TlsPort"/>) with certificates made by the fixture.</summary>
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
    }
}
