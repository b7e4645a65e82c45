using System;
using HomeNode.Mqtt;
using HomeNode.Mqtt.WebSockets;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.WebSockets
{
    /// <summary>
    /// The server end of a WebSocket connection for unit tests, as the transport below a <see cref="WebSocketTransport"/>:
    /// it answers the upgrade request (correctly, or as the test scripts it), decodes the masked frames the client
    /// sends (their MQTT bytes readable like <see cref="ScriptedTransport"/>'s, control frames counted), and queues
    /// frames the test writes. Reads and writes go through a <see cref="ScriptedTransport"/>, so they can be cut up and
    /// stalled the same way. Fixed buffers: allocates nothing after construction.
    /// </summary>
    public sealed class ScriptedWebSocketServer : IMqttTransport
    {
        private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
        private const string KeyHeader = "Sec-WebSocket-Key: ";

        private readonly byte[] request = new byte[1024];
        private readonly byte[] answer = new byte[2048];
        private readonly byte[] scratch;
        private readonly byte[] mqtt;
        private readonly byte[] frameHeader = new byte[14];
        private readonly byte[] controlPayload = new byte[125];
        private readonly Sha1 sha1 = new Sha1();
        private readonly byte[] digest = new byte[Sha1.HashBytes];
        private readonly byte[] guid;
        private int requestLength;
        private bool upgraded;
        private int mqttCount;

        // decoder of the client's frames
        private int headerFill;
        private int headerNeeded;
        private long payloadLeft;
        private int payloadIndex;
        private int opcode;
        private int controlFill;

        public ScriptedWebSocketServer(int capacity)
        {
            this.Wire = new ScriptedTransport(capacity);
            this.scratch = new byte[capacity];
            this.mqtt = new byte[capacity];
            this.guid = HexBytes.Ascii(AcceptGuid);
            this.Reset();
        }

        /// <summary>The byte pipe: chunking, stalls, peer close and open failures are set here.</summary>
        public readonly ScriptedTransport Wire;

        /// <summary>When false the server never answers the upgrade request.</summary>
        public bool Answers;

        /// <summary>The status line of the answer (without CR LF).</summary>
        public string StatusLine;

        /// <summary>The Upgrade header line; null leaves it out.</summary>
        public string UpgradeLine;

        /// <summary>The Connection header line; null leaves it out.</summary>
        public string ConnectionLine;

        /// <summary>The Sec-WebSocket-Protocol header line; null leaves it out.</summary>
        public string ProtocolLine;

        /// <summary>Name of the accept header; the value is the right one unless <see cref="WrongAccept"/> is set.</summary>
        public string AcceptName;

        /// <summary>Leaves the accept header out when true.</summary>
        public bool NoAccept;

        /// <summary>Flips one bit of the accept value.</summary>
        public bool WrongAccept;

        /// <summary>More header lines (each ending in CR LF), or null.</summary>
        public string ExtraLines;

        /// <summary>Bytes sent right behind the answer, in the same write (frames the server sends at once).</summary>
        public byte[] AfterAnswer;

        /// <summary>Upgrade requests answered so far.</summary>
        public int Handshakes;

        /// <summary>Frames from the client without the MASK bit (RFC 6455 §5.1 requires it on every one).</summary>
        public int UnmaskedFrames;

        public int DataFrames;

        public int PongFrames;

        public int PingFrames;

        public int CloseFrames;

        /// <summary>Status of the last close frame the client sent (0 when none).</summary>
        public int ClientCloseStatus;

        /// <summary>Payload length of the last pong.</summary>
        public int PongLength;

        /// <summary>Masking keys of the last two frames, as 32-bit numbers.</summary>
        public uint LastMask;

        public uint PreviousMask;

        /// <summary>Frames with another opcode than binary, pong, ping, close (a client bug).</summary>
        public int OtherFrames;

        public int MqttCount
        {
            get { return this.mqttCount; }
        }

        public byte[] MqttBytes
        {
            get { return this.mqtt; }
        }

        public byte[] RequestBytes
        {
            get { return this.request; }
        }

        public int RequestLength
        {
            get { return this.requestLength; }
        }

        public byte[] ControlPayload
        {
            get { return this.controlPayload; }
        }

        /// <summary>Back to a server that answers the upgrade correctly.</summary>
        public void Reset()
        {
            this.Answers = true;
            this.StatusLine = "HTTP/1.1 101 Switching Protocols";
            this.UpgradeLine = "Upgrade: websocket";
            this.ConnectionLine = "Connection: Upgrade";
            this.ProtocolLine = "Sec-WebSocket-Protocol: mqtt";
            this.AcceptName = "Sec-WebSocket-Accept";
            this.NoAccept = false;
            this.WrongAccept = false;
            this.ExtraLines = null;
            this.AfterAnswer = null;
        }

        public bool Open()
        {
            this.requestLength = 0;
            this.upgraded = false;
            this.headerFill = 0;
            this.headerNeeded = 2;
            this.payloadLeft = -1;
            return this.Wire.Open();
        }

        public void Close()
        {
            this.Wire.Close();
            this.Wire.DiscardIncoming();
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            return this.Wire.Receive(buffer, offset, count);
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            int accepted = this.Wire.Send(buffer, offset, count);
            for (int i = 0; i < accepted; i++)
            {
                if (this.upgraded)
                {
                    this.Decode(buffer[offset + i]);
                }
                else
                {
                    this.request[this.requestLength++] = buffer[offset + i];
                    int n = this.requestLength;
                    if (n >= 4 && this.request[n - 4] == '\r' && this.request[n - 3] == '\n' && this.request[n - 2] == '\r' && this.request[n - 1] == '\n')
                    {
                        this.upgraded = true;
                        this.Handshakes++;
                        if (this.Answers)
                        {
                            this.Answer();
                        }
                    }
                }
            }

            return accepted;
        }

        /// <summary>Forgets the MQTT bytes received so far.</summary>
        public void ClearMqtt()
        {
            this.mqttCount = 0;
        }

        public void ExpectMqtt(byte[] expected, string what)
        {
            Check.Bytes(expected, this.mqtt, 0, this.mqttCount, what);
        }

        /// <summary>Queues one frame: <paramref name="first"/> is the first header byte (FIN, RSV, opcode), the length in its shortest form, unmasked.</summary>
        public void DeliverFrame(int first, byte[] payload, int offset, int count)
        {
            int header = WriteFrameHeader(this.frameHeader, 0, first, count);
            this.Wire.Deliver(this.frameHeader, 0, header);
            if (count > 0)
            {
                this.Wire.Deliver(payload, offset, count);
            }
        }

        public void DeliverFrame(int first, byte[] payload)
        {
            this.DeliverFrame(first, payload, 0, payload.Length);
        }

        /// <summary>MQTT bytes as one binary message cut into frames of at most <paramref name="fragment"/> bytes (0 = one frame).</summary>
        public void DeliverBinary(byte[] payload, int offset, int count, int fragment)
        {
            if (fragment <= 0 || fragment >= count)
            {
                this.DeliverFrame(0x82, payload, offset, count);
                return;
            }

            int at = 0;
            while (at < count)
            {
                int take = count - at < fragment ? count - at : fragment;
                bool last = at + take == count;
                int op = at == 0 ? 0x02 : 0x00;
                this.DeliverFrame((last ? 0x80 : 0x00) | op, payload, offset + at, take);
                at += take;
            }
        }

        public void DeliverBinary(byte[] payload)
        {
            this.DeliverBinary(payload, 0, payload.Length, 0);
        }

        /// <summary>A close frame with a status (and no reason).</summary>
        public void DeliverClose(int status)
        {
            this.controlPayload[0] = (byte)(status >> 8);
            this.controlPayload[1] = (byte)status;
            this.DeliverFrame(0x88, this.controlPayload, 0, 2);
        }

        /// <summary>RFC 6455 §5.2 header of a server frame (no mask) at target[at]; returns its length.</summary>
        public static int WriteFrameHeader(byte[] target, int at, int first, int length)
        {
            target[at] = (byte)first;
            if (length < 126)
            {
                target[at + 1] = (byte)length;
                return 2;
            }

            if (length <= 0xFFFF)
            {
                target[at + 1] = 126;
                target[at + 2] = (byte)(length >> 8);
                target[at + 3] = (byte)length;
                return 4;
            }

            target[at + 1] = 127;
            for (int i = 0; i < 4; i++)
            {
                target[at + 2 + i] = 0;
            }

            target[at + 6] = (byte)(length >> 24);
            target[at + 7] = (byte)(length >> 16);
            target[at + 8] = (byte)(length >> 8);
            target[at + 9] = (byte)length;
            return 10;
        }

        private void Answer()
        {
            int at = 0;
            at = Put(this.answer, at, this.StatusLine);
            at = Put(this.answer, at, "\r\n");
            at = PutLine(this.answer, at, this.UpgradeLine);
            at = PutLine(this.answer, at, this.ConnectionLine);
            if (!this.NoAccept)
            {
                at = Put(this.answer, at, this.AcceptName);
                at = Put(this.answer, at, ": ");
                int key = this.FindKey();
                this.sha1.Reset();
                if (key >= 0)
                {
                    this.sha1.Update(this.request, key, 24);
                }

                this.sha1.Update(this.guid, 0, this.guid.Length);
                this.sha1.Final(this.digest, 0);
                if (this.WrongAccept)
                {
                    this.digest[0] ^= 1;
                }

                at += Base64.Encode(this.digest, 0, Sha1.HashBytes, this.answer, at);
                at = Put(this.answer, at, "\r\n");
            }

            at = PutLine(this.answer, at, this.ProtocolLine);
            if (this.ExtraLines != null)
            {
                at = Put(this.answer, at, this.ExtraLines);
            }

            at = Put(this.answer, at, "\r\n");
            if (this.AfterAnswer != null)
            {
                Array.Copy(this.AfterAnswer, 0, this.answer, at, this.AfterAnswer.Length);
                at += this.AfterAnswer.Length;
            }

            this.Wire.Deliver(this.answer, 0, at);
        }

        private int FindKey()
        {
            for (int i = 0; i + KeyHeader.Length + 24 <= this.requestLength; i++)
            {
                bool match = true;
                for (int j = 0; j < KeyHeader.Length && match; j++)
                {
                    match = this.request[i + j] == KeyHeader[j];
                }

                if (match)
                {
                    return i + KeyHeader.Length;
                }
            }

            return -1;
        }

        private static int PutLine(byte[] target, int at, string line)
        {
            if (line == null)
            {
                return at;
            }

            at = Put(target, at, line);
            return Put(target, at, "\r\n");
        }

        private static int Put(byte[] target, int at, string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                target[at++] = (byte)text[i];
            }

            return at;
        }

        /// <summary>One byte of the client's frame stream (RFC 6455 §5.2).</summary>
        private void Decode(byte b)
        {
            if (this.payloadLeft < 0)
            {
                this.frameHeader[this.headerFill++] = b;
                if (this.headerFill == 2)
                {
                    int length7 = this.frameHeader[1] & 0x7F;
                    bool masked = (this.frameHeader[1] & 0x80) != 0;
                    this.headerNeeded = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + (masked ? 4 : 0);
                }

                if (this.headerFill < this.headerNeeded)
                {
                    return;
                }

                this.opcode = this.frameHeader[0] & 0x0F;
                int len7 = this.frameHeader[1] & 0x7F;
                long length = len7;
                if (len7 == 126)
                {
                    length = (this.frameHeader[2] << 8) | this.frameHeader[3];
                }
                else if (len7 == 127)
                {
                    length = 0;
                    for (int i = 2; i < 10; i++)
                    {
                        length = (length << 8) | this.frameHeader[i];
                    }
                }

                if ((this.frameHeader[1] & 0x80) == 0)
                {
                    this.UnmaskedFrames++;
                    this.frameHeader[this.headerNeeded] = 0;
                    this.frameHeader[this.headerNeeded + 1] = 0;
                    this.frameHeader[this.headerNeeded + 2] = 0;
                    this.frameHeader[this.headerNeeded + 3] = 0;
                }

                int maskAt = (this.frameHeader[1] & 0x80) != 0 ? this.headerNeeded - 4 : this.headerNeeded;
                this.PreviousMask = this.LastMask;
                this.LastMask = ((uint)this.frameHeader[maskAt] << 24) | ((uint)this.frameHeader[maskAt + 1] << 16) | ((uint)this.frameHeader[maskAt + 2] << 8) | this.frameHeader[maskAt + 3];
                if (maskAt != 0)
                {
                    // keep the key where the payload loop looks for it
                    for (int i = 0; i < 4; i++)
                    {
                        this.frameHeader[10 + i] = this.frameHeader[maskAt + i];
                    }
                }

                this.headerFill = 0;
                this.headerNeeded = 2;
                this.payloadLeft = length;
                this.payloadIndex = 0;
                this.controlFill = 0;
                if (length == 0)
                {
                    this.EndFrame();
                }

                return;
            }

            byte plain = (byte)(b ^ this.frameHeader[10 + (this.payloadIndex & 3)]);
            this.payloadIndex++;
            this.payloadLeft--;
            if (this.opcode == 0x2 || this.opcode == 0x0)
            {
                if (this.mqttCount == this.mqtt.Length)
                {
                    this.mqttCount = 0; // a long run that never reads what was sent wraps
                }

                this.mqtt[this.mqttCount++] = plain;
            }
            else if (this.controlFill < this.controlPayload.Length)
            {
                this.controlPayload[this.controlFill++] = plain;
            }

            if (this.payloadLeft == 0)
            {
                this.EndFrame();
            }
        }

        private void EndFrame()
        {
            this.payloadLeft = -1;
            switch (this.opcode)
            {
                case 0x0:
                case 0x2:
                    this.DataFrames++;
                    break;
                case 0x8:
                    this.CloseFrames++;
                    this.ClientCloseStatus = this.controlFill >= 2 ? (this.controlPayload[0] << 8) | this.controlPayload[1] : 1005;
                    break;
                case 0x9:
                    this.PingFrames++;
                    break;
                case 0xA:
                    this.PongFrames++;
                    this.PongLength = this.controlFill;
                    break;
                default:
                    this.OtherFrames++;
                    break;
            }
        }
    }
}
