using System;
using System.Diagnostics;
using System.Threading;

namespace HomeNode.Simulator
{
    /// <summary>
    /// Runs the devices' firmware loops on a few worker threads: worker w polls devices w, w + T, w + 2T, ... in turn,
    /// then sleeps a little. A thread per device would not scale to a thousand devices on two cores. Each runtime is
    /// only ever touched by its own worker (the runtime is single-threaded by design), including Start and Stop.
    /// </summary>
    public sealed class DeviceFleet
    {
        private readonly SimulatedDevice[] devices;
        private readonly Thread[] workers;
        private readonly int pollIntervalMilliseconds;
        private readonly int startSpreadMilliseconds;
        private readonly Action<string> log;
        private volatile bool stopRequested;
        private long pollErrors;

        /// <param name="startSpreadMilliseconds">
        /// Device i starts i / N of this after the first. Real boards are not switched on in the same millisecond, and
        /// sensor periods count from the start, so without a spread every device would read and publish in the same
        /// instant of every period, a burst no real house produces.
        /// </param>
        public DeviceFleet(SimulatedDevice[] devices, int threads, int pollIntervalMilliseconds, int startSpreadMilliseconds, Action<string> log)
        {
            this.startSpreadMilliseconds = startSpreadMilliseconds;
            this.devices = devices;
            this.pollIntervalMilliseconds = pollIntervalMilliseconds;
            this.log = log;
            int count = Math.Max(1, Math.Min(threads, devices.Length));
            this.workers = new Thread[count];
            for (int w = 0; w < count; w++)
            {
                int worker = w;
                this.workers[w] = new Thread(() => this.Work(worker)) { IsBackground = true, Name = "homenode-poller-" + w.ToString() };
            }
        }

        public SimulatedDevice[] Devices => this.devices;

        public int Threads => this.workers.Length;

        /// <summary>Exceptions thrown out of a device's Poll (a bug or a transport surprise); the device keeps running.</summary>
        public long PollErrors => Interlocked.Read(ref this.pollErrors);

        public void Start()
        {
            foreach (Thread worker in this.workers)
            {
                worker.Start();
            }
        }

        /// <summary>Every sensor stops producing readings; the devices stay connected and keep sending what they hold.</summary>
        public void PauseSensors()
        {
            foreach (SimulatedDevice device in this.devices)
            {
                device.Hardware.SensorsPaused = true;
            }
        }

        /// <summary>Each worker stops its devices (retained "offline", DISCONNECT) and ends; waits for all of them.</summary>
        public void Stop(TimeSpan timeout)
        {
            this.stopRequested = true;
            DateTime deadline = DateTime.UtcNow + timeout;
            foreach (Thread worker in this.workers)
            {
                TimeSpan left = deadline - DateTime.UtcNow;
                worker.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
        }

        private void Work(int worker)
        {
            int step = this.workers.Length;
            int mine = (this.devices.Length - worker + step - 1) / step;
            bool[] started = new bool[mine];
            int notStarted = mine;
            Stopwatch since = Stopwatch.StartNew();
            while (!this.stopRequested)
            {
                long now = since.ElapsedMilliseconds;
                for (int i = worker, k = 0; i < this.devices.Length && !this.stopRequested; i += step, k++)
                {
                    if (!started[k])
                    {
                        if (now < (long)i * this.startSpreadMilliseconds / this.devices.Length)
                        {
                            continue;
                        }

                        this.devices[i].Runtime.Start();
                        started[k] = true;
                        notStarted--;
                    }

                    try
                    {
                        this.devices[i].Poll();
                    }
                    catch (Exception e)
                    {
                        if (Interlocked.Increment(ref this.pollErrors) <= 10)
                        {
                            this.log(this.devices[i].Name + ": poll failed: " + e.GetType().Name + ": " + e.Message);
                        }
                    }
                }

                Thread.Sleep(notStarted > 0 ? 1 : this.pollIntervalMilliseconds);
            }

            for (int i = worker; i < this.devices.Length; i += step)
            {
                try
                {
                    this.devices[i].Runtime.Stop();
                    this.devices[i].LastStatus = this.devices[i].Runtime.Status;
                }
                catch (Exception e)
                {
                    this.log(this.devices[i].Name + ": stop failed: " + e.GetType().Name + ": " + e.Message);
                }
            }
        }
    }
}
