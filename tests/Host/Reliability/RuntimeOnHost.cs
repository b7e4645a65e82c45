using System;
using HomeNode.App.Config;
using HomeNode.App.Runtime;
using HomeNode.Mqtt;
using HomeNode.Tests.Host.Integration;
using HomeNode.Tests.Runtime;

namespace HomeNode.Tests.Host.Reliability
{
    /// <summary>The firmware runtime on the host, over a real transport and the real clock, with scripted hardware.</summary>
    public static class RuntimeOnHost
    {
        public static HomeNodeRuntime Create(string configText, IMqttTransport transport, IMonotonicClock clock, ScriptedHardware hardware)
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(configText);
            ConfigParseResult result = ConfigParser.Parse(bytes, 0, bytes.Length);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("test config does not parse: " + result.Errors[0]);
            }

            return new HomeNodeRuntime(result.Config, transport, clock, hardware, 7);
        }

        /// <summary>Polls every few milliseconds until <paramref name="done"/> holds or the time passes (host monotonic clock).</summary>
        public static bool PollUntil(HomeNodeRuntime runtime, Func<bool> done, TimeSpan timeout, params LiveClient[] others)
        {
            return Polling.TryUntil(done, timeout, () =>
            {
                runtime.Poll();
                foreach (LiveClient other in others)
                {
                    other.Pump();
                }
            });
        }
    }
}
