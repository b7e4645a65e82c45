namespace HomeNode.Simulator
{
    /// <summary>What --help prints.</summary>
    public static class UsageText
    {
        public const string Text =
@"HomeNode simulator: runs the HomeNode firmware on this PC with simulated sensors and lights.

With no options it starts its own MQTT broker on 127.0.0.1, runs one device with the example
configuration (firmware/config.example.ini: a kitchen with three sensors and two lights), and shows
a live view: readings, light states, connection state, and a ""lights on"" counter kept by a
separate MQTT client, the way a phone app would see the house. It also serves the dashboard, a web
page of the house on 127.0.0.1 (its address is printed at start) that connects to the broker over
MQTT over WebSockets like a phone app.

  dotnet run --project tools/Simulator                    one device, embedded broker, live view
  dotnet run --project tools/Simulator -- --plain         the same, as log lines
  dotnet run --project tools/Simulator -- --broker 127.0.0.1:1883 --devices 1000 --period 5 --duration 60 --plain
                                                          load-test a broker with 1000 devices

While it runs:
  1..9          toggle light 1..9 (of the first device), through the phone-app client
  q, Ctrl+C     stop: every device publishes ""offline"" and disconnects cleanly
  When stdin is not a terminal (a pipe or a file), it reads command lines instead:
    toggle LIGHT            toggle light LIGHT of the first device (e.g. ""toggle ceiling"")
    toggle DEVICE/LIGHT     toggle a light of another device (e.g. ""toggle sim-0042/ceiling"")
    quit                    stop as with q

Broker:
  --broker HOST:PORT     use this broker instead of the embedded one (mosquitto, EMQX, HiveMQ, ...)
  --ws-url URL           use this broker's MQTT over WebSockets endpoint instead (ws://HOST:PORT/PATH,
                         or wss://... for TLS, with --ca etc.): devices and monitor speak MQTT over WebSockets.
                         With --broker as well, the devices use --broker and only the dashboard this URL
  --port PORT            port of the embedded broker (default: a free port, printed at start)
  --tls                  connect with TLS (needs --broker)
  --ca FILE              PEM file of the CA that signed the broker's certificate (default: system store)
  --client-cert FILE     PEM client certificate for mutual TLS (with --client-key)
  --client-key FILE      PEM private key of the client certificate (unencrypted)
  --username USER        MQTT user name (default: the one in --config, none for the example)
  --password PASS        MQTT password; it is never printed

Dashboard:
  --dashboard-port PORT  serve the dashboard on 127.0.0.1:PORT (default: a free port, printed at start)
  --no-dashboard         serve no dashboard
                         The page connects to the embedded broker's WebSocket endpoint, or to --ws-url;
                         with --broker alone there is no dashboard. It needs MQTT.js, which the build
                         installs with npm (Node.js and npm must be there when the simulator is built).

Devices:
  --config FILE          a real HomeNode configuration file, read by the firmware's own parser. On
                         errors every error line is printed and the simulator exits with code 2.
                         Its [broker] host, port and TLS are replaced by the simulator's broker.
  --devices N            run a fleet of N devices (default 1). Device i is named sim-NNNN, connects
                         as homenode-sim-NNNN and publishes under ourhome/floor<i/10>/room<i%10>/...
                         Home Assistant discovery is off in a fleet (no retained clutter).
  --period SECONDS       read every sensor this often instead of the configured period
                         (a DHT22 is never read faster than every 2 s)
  --threads N            worker threads that poll the devices (default: 2 x processors)

Run:
  --duration SECONDS     run this long, then stop and exit (default: until q or Ctrl+C)
  --drain SECONDS        at the end, keep devices connected with sensors paused this long at most, so
                         readings in flight arrive before counting losses (default 5)
  --plain                no live view: one status line per second and one line per event
  -h, --help             this text

At the end it prints one line starting with ""SUMMARY "" followed by JSON: devices, connected,
published and received readings, lost readings, messages per second out and in, reconnects,
latency percentiles (ms) and memory per device. A reading is lost when a device's runtime handed it
to its MQTT client (QoS 1) and the monitor client subscribed to the devices' topics never got it.

Exit codes:
  0   finished normally
  1   runtime failure: with --duration, no device ever connected to the broker
      (or the embedded broker could not start)
  2   usage error or configuration error (bad option, unreadable or invalid --config)
";
    }
}
