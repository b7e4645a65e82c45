namespace HomeNode.Mqtt.WebSockets
{
    /// <summary>
    /// Follows MQTT packet boundaries in the byte stream handed to the client (fixed header, remaining length, body;
    /// MQTT 3.1.1 §2.2), so that a close in the middle of a packet can be told from one between packets. It neither
    /// checks nor keeps the bytes.
    /// </summary>
    public sealed class MqttPacketBoundary
    {
        private const int ExpectHeader = 0;
        private const int ExpectLength = 1;
        private const int InBody = 2;

        private int state;
        private int remaining;
        private int multiplier;
        private int lengthBytes;

        public bool AtBoundary
        {
            get { return this.state == ExpectHeader; }
        }

        [SteadyState]
        public void Reset()
        {
            this.state = ExpectHeader;
        }

        [SteadyState]
        public void Advance(byte[] bytes, int offset, int count)
        {
            while (count > 0)
            {
                if (this.state == ExpectHeader)
                {
                    this.state = ExpectLength;
                    this.remaining = 0;
                    this.multiplier = 1;
                    this.lengthBytes = 0;
                    offset++;
                    count--;
                }
                else if (this.state == ExpectLength)
                {
                    // §2.2.3: seven bits per byte, least significant first, at most four bytes
                    int digit = bytes[offset++];
                    count--;
                    this.remaining += (digit & 0x7F) * this.multiplier;
                    this.multiplier <<= 7;
                    this.lengthBytes++;
                    if ((digit & 0x80) == 0 || this.lengthBytes == 4)
                    {
                        this.state = this.remaining == 0 ? ExpectHeader : InBody;
                    }
                }
                else
                {
                    int take = this.remaining < count ? this.remaining : count;
                    this.remaining -= take;
                    offset += take;
                    count -= take;
                    if (this.remaining == 0)
                    {
                        this.state = ExpectHeader;
                    }
                }
            }
        }
    }
}
