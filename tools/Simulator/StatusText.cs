using System.Globalization;
using System.Text;
using HomeNode.App.Runtime;
using HomeNode.App.Sensors;

namespace HomeNode.Simulator
{
    /// <summary>The words and numbers both views show, formatted once here.</summary>
    public static class StatusText
    {
        public static string Number(double value, string format = "0.0")
        {
            return double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
        }

        public static string Rate(long delta, long milliseconds)
        {
            return milliseconds <= 0 ? "0" : (delta * 1000.0 / milliseconds).ToString("0", CultureInfo.InvariantCulture);
        }

        public static string Status(RuntimeStatus status)
        {
            switch (status)
            {
                case RuntimeStatus.Online:
                    return "online";
                case RuntimeStatus.Connecting:
                    return "connecting";
                case RuntimeStatus.WaitingToReconnect:
                    return "waiting to reconnect";
                case RuntimeStatus.WaitingForNetwork:
                    return "no network";
                default:
                    return "stopped";
            }
        }

        public static string Unit(MeasurementKind kind)
        {
            Quantity quantity = SensorKindTable.Of(kind);
            return quantity == null ? string.Empty : " " + quantity.Unit;
        }

        /// <summary>"21.3 °C 45.1 %" for one sensor, "(failed)" markers when its last read failed.</summary>
        public static string Readings(SensorChannel sensor)
        {
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < sensor.Kinds.Length; k++)
            {
                if (k > 0)
                {
                    text.Append("  ");
                }

                text.Append(sensor.HasValue[k] ? Number(sensor.LastValues[k]) + Unit(sensor.Kinds[k]) : "-");
            }

            if (sensor.LastStatus != Drivers.SensorReadStatus.Ok && sensor.FailedReads > 0)
            {
                text.Append("  (last read: ").Append(sensor.LastStatus.ToString()).Append(')');
            }

            return text.ToString();
        }

        /// <summary>"ceiling=ON counter=OFF".</summary>
        public static string Lights(LightChannel[] lights)
        {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < lights.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(' ');
                }

                text.Append(i + 1).Append(':').Append(lights[i].Settings.Name).Append('=').Append(lights[i].IsOn ? "ON" : "OFF");
            }

            return text.ToString();
        }

        /// <summary>One line for the whole fleet: what --plain prints every second.</summary>
        public static string FleetLine(FleetSnapshot now, FleetSnapshot previous, LatencyPercentiles latency, int lightsOn)
        {
            long ms = now.TakenAtMilliseconds - previous.TakenAtMilliseconds;
            return "devices " + now.Online.ToString() + "/" + now.Devices.ToString() + " online"
                + " | out " + Rate(now.PublishesOut - previous.PublishesOut, ms) + "/s in " + Rate(now.ReceivedIn - previous.ReceivedIn, ms) + "/s"
                + " | readings " + now.PublishedReadings.ToString() + " sent " + now.ReadingsReceived.ToString() + " received"
                + " | reconnects " + now.Reconnects.ToString() + " queued " + now.Queued.ToString() + " dropped " + now.Dropped.ToString() + " failed reads " + now.FailedReads.ToString()
                + " | latency ms p50 " + Number(latency.P50, "0.00") + " p95 " + Number(latency.P95, "0.00") + " p99 " + Number(latency.P99, "0.00")
                + " | lights on " + lightsOn.ToString();
        }

        /// <summary>One device in one line: status, every sensor's last readings, lights.</summary>
        public static string DeviceLine(SimulatedDevice device)
        {
            StringBuilder text = new StringBuilder();
            text.Append(device.Name).Append(": ").Append(Status(device.LastStatus));
            foreach (SensorChannel sensor in device.Runtime.Sensors)
            {
                text.Append(" | ").Append(sensor.Settings.Name).Append(' ').Append(Readings(sensor));
            }

            text.Append(" | lights ").Append(Lights(device.Runtime.Lights));
            return text.ToString();
        }
    }
}
