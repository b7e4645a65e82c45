using System;
using System.Collections.Generic;
using HomeNode.App.Runtime;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HomeNode.Simulator
{
    /// <summary>The terminal view (Spectre.Console live display): devices, readings, lights, counters, recent events.</summary>
    public sealed class LiveView
    {
        // Rows of the device table; a fleet shows its first devices and the totals.
        private const int MaxDeviceRows = 10;
        private const int EventLines = 6;

        private readonly object gate = new object();
        private readonly Queue<string> events = new Queue<string>();

        public void Log(string message)
        {
            lock (this.gate)
            {
                this.events.Enqueue(DateTime.Now.ToString("HH:mm:ss") + "  " + message);
                while (this.events.Count > EventLines)
                {
                    this.events.Dequeue();
                }
            }
        }

        public IRenderable Build(string title, SimulatedDevice[] devices, FleetSnapshot now, FleetSnapshot previous, LatencyPercentiles latency, int lightsOn)
        {
            Table table = new Table().Border(TableBorder.Rounded).Expand();
            table.AddColumn("device");
            table.AddColumn("state");
            table.AddColumn("readings");
            table.AddColumn("lights");
            table.AddColumn(new TableColumn("reconnects").RightAligned());
            table.AddColumn(new TableColumn("queued").RightAligned());
            table.AddColumn(new TableColumn("dropped").RightAligned());
            table.AddColumn(new TableColumn("failed reads").RightAligned());
            for (int i = 0; i < devices.Length && i < MaxDeviceRows; i++)
            {
                SimulatedDevice device = devices[i];
                RuntimeCounters counters = device.Runtime.Counters;
                List<string> readings = new List<string>();
                foreach (SensorChannel sensor in device.Runtime.Sensors)
                {
                    readings.Add(Markup.Escape(sensor.Settings.Name + ": " + StatusText.Readings(sensor)));
                }

                List<string> lights = new List<string>();
                for (int l = 0; l < device.Runtime.Lights.Length; l++)
                {
                    LightChannel light = device.Runtime.Lights[l];
                    string name = Markup.Escape((l + 1).ToString() + " " + light.Settings.Name);
                    lights.Add(light.IsOn ? "[yellow]● " + name + " ON[/]" : "[grey]○ " + name + " off[/]");
                }

                string state = device.LastStatus == RuntimeStatus.Online ? "[green]online[/]" : "[red]" + Markup.Escape(StatusText.Status(device.LastStatus)) + "[/]";
                table.AddRow(
                    new Markup(Markup.Escape(device.Name)),
                    new Markup(state),
                    new Markup(string.Join("\n", readings)),
                    new Markup(string.Join("\n", lights)),
                    new Markup(counters.Reconnects.ToString()),
                    new Markup(device.Runtime.Queue.Count.ToString()),
                    new Markup(device.Runtime.Queue.DroppedCount.ToString()),
                    new Markup(counters.FailedReads.ToString()));
            }

            if (devices.Length > MaxDeviceRows)
            {
                table.AddRow(
                    new Markup("[bold]all " + devices.Length.ToString() + "[/]"),
                    new Markup(now.Online.ToString() + " online"),
                    new Markup(Markup.Escape(now.PublishedReadings.ToString() + " readings sent, " + now.ReadingsReceived.ToString() + " received")),
                    new Markup(string.Empty),
                    new Markup(now.Reconnects.ToString()),
                    new Markup(now.Queued.ToString()),
                    new Markup(now.Dropped.ToString()),
                    new Markup(now.FailedReads.ToString()));
            }

            long ms = now.TakenAtMilliseconds - previous.TakenAtMilliseconds;
            string totals = "[bold yellow]lights on: " + lightsOn.ToString() + "[/]   "
                + Markup.Escape("messages out " + StatusText.Rate(now.PublishesOut - previous.PublishesOut, ms) + "/s, in " + StatusText.Rate(now.ReceivedIn - previous.ReceivedIn, ms) + "/s   latency p50 "
                + StatusText.Number(latency.P50, "0.00") + " p95 " + StatusText.Number(latency.P95, "0.00") + " p99 " + StatusText.Number(latency.P99, "0.00") + " ms");

            List<IRenderable> rows = new List<IRenderable>
            {
                new Markup("[bold]" + Markup.Escape(title) + "[/]"),
                table,
                new Markup(totals),
            };
            lock (this.gate)
            {
                foreach (string e in this.events)
                {
                    rows.Add(new Markup("[grey]" + Markup.Escape(e) + "[/]"));
                }
            }

            rows.Add(new Markup("[grey]keys: 1..9 toggle a light of " + Markup.Escape(devices.Length > 0 ? devices[0].Name : "-") + " · q or Ctrl+C quits[/]"));
            return new Rows(rows);
        }
    }
}
