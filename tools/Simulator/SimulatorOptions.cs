using System;
using System.Globalization;

namespace HomeNode.Simulator
{
    /// <summary>The command line, parsed by hand (see <see cref="UsageText"/> for what each option means).</summary>
    public sealed class SimulatorOptions
    {
        public const int DefaultDrainSeconds = 5;

        /// <summary>External broker host; null runs the embedded broker.</summary>
        public string BrokerHost;

        public int BrokerPort;

        /// <summary>The broker's MQTT over WebSockets endpoint (--ws-url) the devices use; null connects with plain MQTT (TCP or TLS).</summary>
        public HomeNode.Host.WebSocketUrl WebSocket;

        /// <summary>
        /// With --broker and --ws-url both: the broker's WebSocket endpoint for the dashboard only, the devices connecting
        /// to --broker. Null otherwise (the dashboard then uses <see cref="WebSocket"/> or the embedded broker's).
        /// </summary>
        public HomeNode.Host.WebSocketUrl DashboardWebSocket;

        /// <summary>Port of the dashboard's web server on 127.0.0.1; 0 picks a free one.</summary>
        public int DashboardPort;

        /// <summary>--no-dashboard: serve no page.</summary>
        public bool NoDashboard;

        /// <summary>Port of the embedded broker; 0 picks a free one.</summary>
        public int EmbeddedPort;

        public bool Tls;

        public string CaFile;

        public string ClientCertFile;

        public string ClientKeyFile;

        public string Username;

        /// <summary>Never printed.</summary>
        public string Password;

        /// <summary>Configuration file; null loads the example configuration.</summary>
        public string ConfigFile;

        public int Devices = 1;

        /// <summary>Seconds to run before exiting on its own; 0 runs until q, "quit" or Ctrl+C.</summary>
        public int DurationSeconds;

        /// <summary>Sensor period override in seconds; 0 keeps the configured periods.</summary>
        public int PeriodSeconds;

        /// <summary>After the run, how long devices keep running with sensors paused so in-flight readings arrive.</summary>
        public int DrainSeconds = DefaultDrainSeconds;

        /// <summary>Worker threads that poll the devices; 0 = processor count x 2 (never more than the devices).</summary>
        public int Threads;

        public bool Plain;

        public bool Help;

        public bool UsesEmbeddedBroker => this.BrokerHost == null;

        /// <summary>Parses <paramref name="args"/>; returns null and sets <paramref name="error"/> on a usage error.</summary>
        public static SimulatorOptions Parse(string[] args, out string error)
        {
            SimulatorOptions options = new SimulatorOptions();
            error = null;
            bool brokerGiven = false;
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                string value = null;
                int equals = arg.IndexOf('=');
                if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
                {
                    value = arg.Substring(equals + 1);
                    arg = arg.Substring(0, equals);
                }

                switch (arg)
                {
                    case "-h":
                    case "--help":
                    case "-?":
                        options.Help = true;
                        continue;
                    case "--plain":
                        options.Plain = true;
                        continue;
                    case "--tls":
                        options.Tls = true;
                        continue;
                    case "--no-dashboard":
                        options.NoDashboard = true;
                        continue;
                }

                if (value == null)
                {
                    if (!IsValueOption(arg))
                    {
                        error = "unknown option '" + arg + "'";
                        return null;
                    }

                    if (i + 1 >= args.Length)
                    {
                        error = arg + " needs a value";
                        return null;
                    }

                    value = args[++i];
                }

                switch (arg)
                {
                    case "--broker":
                        if (!TryParseHostPort(value, out options.BrokerHost, out options.BrokerPort))
                        {
                            error = "--broker expects HOST:PORT (e.g. 127.0.0.1:1883), got '" + value + "'";
                            return null;
                        }

                        brokerGiven = true;
                        break;
                    case "--ws-url":
                        if (!HomeNode.Host.WebSocketUrl.TryParse(value, out options.WebSocket, out string urlError))
                        {
                            error = "--ws-url " + urlError;
                            return null;
                        }

                        break;
                    case "--dashboard-port":
                        if (!TryParseInt(value, 1, 65535, out options.DashboardPort))
                        {
                            error = "--dashboard-port expects 1..65535, got '" + value + "'";
                            return null;
                        }

                        break;
                    case "--port":
                        if (!TryParseInt(value, 1, 65535, out options.EmbeddedPort))
                        {
                            error = "--port expects 1..65535, got '" + value + "'";
                            return null;
                        }

                        break;
                    case "--ca":
                        options.CaFile = value;
                        break;
                    case "--client-cert":
                        options.ClientCertFile = value;
                        break;
                    case "--client-key":
                        options.ClientKeyFile = value;
                        break;
                    case "--username":
                        options.Username = value;
                        break;
                    case "--password":
                        options.Password = value;
                        break;
                    case "--config":
                        options.ConfigFile = value;
                        break;
                    case "--devices":
                        if (!TryParseInt(value, 1, 100000, out options.Devices))
                        {
                            error = "--devices expects 1..100000, got '" + value + "'";
                            return null;
                        }

                        break;
                    case "--duration":
                        if (!TryParseInt(value, 1, int.MaxValue / 1000, out options.DurationSeconds))
                        {
                            error = "--duration expects a whole number of seconds >= 1, got '" + value + "'";
                            return null;
                        }

                        break;
                    case "--period":
                        if (!TryParseInt(value, 1, 86400, out options.PeriodSeconds))
                        {
                            error = "--period expects 1..86400 seconds, got '" + value + "'";
                            return null;
                        }

                        break;
                    case "--drain":
                        if (!TryParseInt(value, 0, 600, out options.DrainSeconds))
                        {
                            error = "--drain expects 0..600 seconds, got '" + value + "'";
                            return null;
                        }

                        break;
                    case "--threads":
                        if (!TryParseInt(value, 1, 256, out options.Threads))
                        {
                            error = "--threads expects 1..256, got '" + value + "'";
                            return null;
                        }

                        break;
                    default:
                        error = "unknown option '" + arg + "'";
                        return null;
                }
            }

            if ((options.ClientCertFile == null) != (options.ClientKeyFile == null))
            {
                error = "--client-cert and --client-key go together";
                return null;
            }

            if (options.Password != null && options.Username == null)
            {
                error = "--password needs --username (MQTT 3.1.1 §3.1.2.9)";
                return null;
            }

            if (options.WebSocket != null && brokerGiven)
            {
                // the devices use --broker; the dashboard, a browser page, can only speak MQTT over WebSockets
                options.DashboardWebSocket = options.WebSocket;
                options.WebSocket = null;
            }
            else if (options.WebSocket != null)
            {
                options.BrokerHost = options.WebSocket.Host;
                options.BrokerPort = options.WebSocket.Port;
                options.Tls |= options.WebSocket.Secure;
            }

            if (options.NoDashboard && options.DashboardPort != 0)
            {
                error = "--dashboard-port and --no-dashboard contradict each other";
                return null;
            }

            if (options.WebSocket != null && options.Tls && !options.WebSocket.Secure)
            {
                error = "--tls with --ws-url: write wss:// instead";
                return null;
            }

            if (!options.Tls && (options.CaFile != null || options.ClientCertFile != null))
            {
                error = "--ca, --client-cert and --client-key need --tls";
                return null;
            }

            if (options.UsesEmbeddedBroker && options.Tls)
            {
                error = "--tls needs --broker: the embedded broker listens on plain TCP only";
                return null;
            }

            if (!options.UsesEmbeddedBroker && options.EmbeddedPort != 0)
            {
                error = "--port sets the embedded broker's port; with --broker give the port there (HOST:PORT)";
                return null;
            }

            return options;
        }

        private static bool IsValueOption(string arg)
        {
            switch (arg)
            {
                case "--broker":
                case "--ws-url":
                case "--port":
                case "--ca":
                case "--client-cert":
                case "--client-key":
                case "--username":
                case "--password":
                case "--config":
                case "--devices":
                case "--duration":
                case "--period":
                case "--drain":
                case "--threads":
                case "--dashboard-port":
                    return true;
                default:
                    return false;
            }
        }

        private static bool TryParseInt(string text, int min, int max, out int value)
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
        }

        private static bool TryParseHostPort(string text, out string host, out int port)
        {
            host = null;
            port = 0;
            int colon = text.LastIndexOf(':');
            if (colon <= 0 || colon == text.Length - 1)
            {
                return false;
            }

            string h = text.Substring(0, colon);
            if (h.StartsWith("[", StringComparison.Ordinal) && h.EndsWith("]", StringComparison.Ordinal))
            {
                h = h.Substring(1, h.Length - 2); // [::1]:1883
            }

            if (h.Length == 0 || !TryParseInt(text.Substring(colon + 1), 1, 65535, out port))
            {
                return false;
            }

            host = h;
            return true;
        }
    }
}
