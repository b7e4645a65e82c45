using System;
using System.IO;
using HomeNode.App.Config;
using HomeNode.Simulator;
using Xunit;

namespace HomeNode.Tests.Host.Simulator
{
    public sealed class DeviceConfigTemplateTests
    {
        [Fact]
        public void FleetDeviceGetsItsOwnNameClientIdAndTopics()
        {
            HomeNodeConfig example = LoadExample();
            BrokerTarget broker = new BrokerTarget("127.0.0.1", 1884) { Username = "u", Password = "p" };
            HomeNodeConfig device = new DeviceConfigTemplate(example, broker, 1000, 1).ForDevice(42);

            Assert.Equal("sim-0042", device.Device.Name);
            Assert.Equal("homenode-sim-0042", device.Broker.ClientId);
            Assert.Equal("ourhome/floor4/room2", device.Device.BaseTopic);
            Assert.Equal("127.0.0.1", device.Broker.Host);
            Assert.Equal(1884, device.Broker.Port);
            Assert.False(device.Broker.UseTls);
            Assert.Equal("u", device.Broker.Username);
            Assert.Null(device.Wifi);
            Assert.False(device.Device.Discovery);

            Assert.Equal(example.Sensors.Length, device.Sensors.Length);
            foreach (SensorSettings sensor in device.Sensors)
            {
                Assert.StartsWith("ourhome/floor4/room2/", sensor.Topic, StringComparison.Ordinal);
                // --period 1, but a DHT22 is never read faster than every 2 s (AM2302 datasheet).
                Assert.Equal(sensor.Type == SensorType.Dht22 ? 2 : 1, sensor.PeriodSeconds);
            }

            // The example's window sensor has its own topic under the base: it moves with the base.
            Assert.Contains(device.Sensors, s => s.Topic == "ourhome/floor4/room2/window-climate");
            Assert.Contains(device.Lights, l => l.Topic == "ourhome/floor4/room2/ceiling");

            // The template never changes the configuration it starts from.
            Assert.Equal("ourhome/firstfloor/kitchen", example.Device.BaseTopic);
            Assert.Equal(10, Array.Find(example.Sensors, s => s.Name == "climate").PeriodSeconds);
        }

        [Fact]
        public void SingleDeviceKeepsTheConfiguredNamesAndTopics()
        {
            HomeNodeConfig example = LoadExample();
            HomeNodeConfig device = new DeviceConfigTemplate(example, new BrokerTarget("127.0.0.1", 1883), 1, 0).ForDevice(0);

            Assert.Equal("kitchen", device.Device.Name);
            Assert.Equal("homenode-kitchen", device.Broker.ClientId);
            Assert.Equal("ourhome/firstfloor/kitchen", device.Device.BaseTopic);
            Assert.True(device.Device.Discovery);
            Assert.Null(device.Broker.Username); // the example's placeholder credentials are not sent
            Assert.Equal(10, Array.Find(device.Sensors, s => s.Name == "climate").PeriodSeconds);
        }

        private static HomeNodeConfig LoadExample()
        {
            string path = ConfigSource.FindExample();
            Assert.NotNull(path);
            byte[] bytes = File.ReadAllBytes(path);
            ConfigParseResult result = ConfigParser.Parse(bytes, 0, bytes.Length);
            Assert.True(result.Succeeded);
            return result.Config;
        }
    }
}
