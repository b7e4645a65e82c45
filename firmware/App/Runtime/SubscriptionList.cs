using System;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// The filters of the one SUBSCRIBE the runtime sends per connection, refilled by its parts at each connection:
    /// fixed arrays sized at start-up, so refilling allocates nothing.
    /// </summary>
    public sealed class SubscriptionList
    {
        private readonly string[] filters;
        private readonly MqttQos[] qos;
        private int count;

        public SubscriptionList(int capacity)
        {
            this.filters = new string[capacity];
            this.qos = new MqttQos[capacity];
        }

        public int Count
        {
            get { return this.count; }
        }

        public string FilterAt(int index)
        {
            return this.filters[index];
        }

        public MqttQos QosAt(int index)
        {
            return this.qos[index];
        }

        [SteadyState]
        public void Clear()
        {
            this.count = 0;
        }

        /// <summary>Adds a filter; more than the capacity sized at start-up is a bug in the caller.</summary>
        [SteadyState]
        public void Add(string filter, MqttQos maximumQos)
        {
            if (this.count == this.filters.Length)
            {
                throw new InvalidOperationException();
            }

            this.filters[this.count] = filter;
            this.qos[this.count] = maximumQos;
            this.count++;
        }

        /// <summary>Sends the filters as one SUBSCRIBE (MQTT 3.1.1 §3.8); <see cref="MqttStatus.Ok"/> with nothing to send sends nothing.</summary>
        [SteadyState]
        public MqttStatus Send(MqttClient client, out ushort packetId)
        {
            packetId = 0;
            if (this.count == 0)
            {
                return MqttStatus.Ok;
            }

            return client.Subscribe(this.filters, this.qos, this.count, out packetId);
        }

        /// <summary>How many filters a SUBACK refused: return or reason codes 0x80 and above (3.1.1 §3.9.3, 5.0 §3.9.3), e.g. by the broker's ACL or policy.</summary>
        [SteadyState]
        public static int Refusals(byte[] codes, int offset, int count)
        {
            int refused = 0;
            for (int i = 0; i < count; i++)
            {
                if (codes[offset + i] >= 0x80)
                {
                    refused++;
                }
            }

            return refused;
        }
    }
}
