using System;
using System.Threading;

namespace HomeNode.Mqtt.WebSockets
{
    /// <summary>
    /// MQTT over WebSockets (MQTT 3.1.1 §6, RFC 6455) as one more <see cref="IMqttTransport"/>: it wraps another
    /// transport (TCP, or TLS for wss), performs the HTTP/1.1 upgrade in <see cref="Open"/>, sends every write as masked
    /// binary frames and hands the client the payload of the server's binary frames as one byte stream. Fixed buffers:
    /// nothing is allocated after construction, on open, send, receive or close.
    /// </summary>
    /// <remarks>
    /// <para>Receive: frames may be split across reads and MQTT packets across frames (fragmented messages and
    /// continuation frames included); a ping is answered with a pong carrying its payload (§5.5.2); a close frame is
    /// answered with a close frame of the same status (§5.5.1) and then reported as the end of the stream. Every
    /// violation of RFC 6455 or MQTT §6 by the server (a masked frame, a text frame, reserved bits or opcodes, a
    /// fragmented or over-long control frame, a continuation out of place, a frame longer than
    /// <see cref="WebSocketOptions.MaxIncomingFrameBytes"/>) ends the connection: a close frame with status 1002, 1003
    /// or 1009 (§7.4.1) goes out, the connection below is closed, and <see cref="LastFailure"/> names the rule.
    /// Bytes that arrived before the failure are still handed out first.</para>
    /// <para>Send: a write is cut into frames of at most <see cref="WebSocketOptions.MaxOutgoingFrameBytes"/> payload
    /// bytes, each with a fresh masking key (§5.3). A frame the connection below takes only in part stays in the
    /// frame buffer; Send reports as written only the payload bytes already on the wire, and the next Send, which per
    /// the stream contract continues with the bytes not yet reported, finishes the frame first. Pongs and close frames
    /// go out between data frames, never inside one.</para>
    /// <para>Open blocks (sleeping 1 ms between polls of the connection below) until the upgrade completes or
    /// <see cref="WebSocketOptions.HandshakeTimeoutMilliseconds"/> passes, like a TLS handshake.</para>
    /// </remarks>
    public sealed class WebSocketTransport : IMqttTransport
    {
        // RFC 6455 §7.4.1
        public const int StatusNormalClosure = 1000;
        public const int StatusProtocolError = 1002;
        public const int StatusUnsupportedData = 1003;
        public const int StatusNoStatusReceived = 1005;
        public const int StatusInvalidPayload = 1007;
        public const int StatusMessageTooBig = 1009;

        // RFC 6455 §5.2
        private const int OpContinuation = 0x0;
        private const int OpText = 0x1;
        private const int OpBinary = 0x2;
        private const int OpClose = 0x8;
        private const int OpPing = 0x9;
        private const int OpPong = 0xA;

        // RFC 6455 §5.5: control frames carry at most 125 bytes
        private const int MaxControlPayload = 125;
        private const int MaxHeaderBytes = 14;

        private const int KeyBytes = 16;
        private const int KeyTextBytes = 24;
        private const int AcceptTextBytes = 28;

        private const string RequestEnd = "\r\n\r\n";

        // RFC 6455 §1.3 / §4.2.2
        private static readonly byte[] AcceptGuid = Ascii("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");

        private readonly IMqttTransport inner;
        private readonly IMonotonicClock clock;
        private readonly IRandomSource random;
        private readonly int handshakeTimeout;
        private readonly long maxIncomingFrame;

        private readonly byte[] request;
        private readonly int requestKeyAt;
        private readonly byte[] key = new byte[KeyBytes];
        private readonly byte[] digest = new byte[Sha1.HashBytes];
        private readonly byte[] expectedAccept = new byte[AcceptTextBytes];
        private readonly Sha1 sha1 = new Sha1();
        private readonly MqttPacketBoundary packets = new MqttPacketBoundary();

        private readonly byte[] input;
        private int inputStart;
        private int inputEnd;

        private readonly byte[] frame;
        private readonly int maxFramePayload;
        private int frameLength;
        private int frameSent;
        private int frameHeader;
        private int frameReported;

        private readonly byte[] control = new byte[MaxHeaderBytes + MaxControlPayload];
        private int controlLength;
        private int controlSent;

        private readonly byte[] controlIn = new byte[MaxControlPayload];
        private int controlInFill;

        private bool open;

        // Set when a write to the connection below failed while bytes it had already delivered wait in the input
        // buffer: they are decoded and reported before the end is (nothing received is lost to a failed pong).
        private bool draining;
        private bool inFrame;
        private int frameOpcode;
        private long frameRemaining;
        private bool inMessage;

        public WebSocketTransport(IMqttTransport inner, WebSocketOptions options, IMonotonicClock clock, IRandomSource random)
        {
            if (inner == null || options == null || clock == null || random == null)
            {
                throw new ArgumentNullException(inner == null ? "inner" : options == null ? "options" : clock == null ? "clock" : "random");
            }

            if (options.ReceiveBufferBytes < 256 || options.MaxOutgoingFrameBytes < 1 || options.MaxIncomingFrameBytes < 1 || options.HandshakeTimeoutMilliseconds < 1)
            {
                throw new ArgumentOutOfRangeException("options");
            }

            this.inner = inner;
            this.clock = clock;
            this.random = random;
            this.handshakeTimeout = options.HandshakeTimeoutMilliseconds;
            this.maxIncomingFrame = options.MaxIncomingFrameBytes;
            this.input = new byte[options.ReceiveBufferBytes];
            this.maxFramePayload = options.MaxOutgoingFrameBytes;
            this.frame = new byte[MaxHeaderBytes + options.MaxOutgoingFrameBytes];

            // RFC 6455 §4.1: the port is left out of Host when it is the scheme's default; an IPv6 literal is bracketed
            string host = options.Host.IndexOf(':') >= 0 ? "[" + options.Host + "]" : options.Host;
            int defaultPort = options.Secure ? WebSocketOptions.DefaultSecurePort : WebSocketOptions.DefaultPort;
            if (options.Port != defaultPort)
            {
                host = host + ":" + options.Port.ToString();
            }

            // MQTT 3.1.1 §6: the client includes "mqtt" in the list of WebSocket subprotocols it offers
            string head = "GET " + options.Path + " HTTP/1.1\r\nHost: " + host
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: mqtt\r\nSec-WebSocket-Key: ";
            this.requestKeyAt = head.Length;
            this.request = new byte[head.Length + KeyTextBytes + RequestEnd.Length];
            WriteAscii(head, this.request, 0);
            WriteAscii(RequestEnd, this.request, this.requestKeyAt + KeyTextBytes);
        }

        /// <summary>Why the last connection failed to open or ended; None while it is open and healthy.</summary>
        public WebSocketFailure LastFailure;

        /// <summary>The status of the server's close frame (1005 when it had none), or the status we closed with; 0 when none was exchanged.</summary>
        public int LastCloseStatus;

        /// <summary>The status code of the server's answer to the last upgrade request (101 when accepted; 0 when none was read).</summary>
        public int LastHttpStatus;

        /// <summary>True between a successful <see cref="Open"/> and the end of the connection.</summary>
        public bool IsOpen
        {
            get { return this.open; }
        }

        /// <summary>Opens the connection below and upgrades it (RFC 6455 §4.1). On failure <see cref="LastFailure"/> says why.</summary>
        [SteadyState]
        public bool Open()
        {
            this.Close();
            this.ResetConnection();
            this.LastFailure = WebSocketFailure.None;
            this.LastCloseStatus = 0;
            this.LastHttpStatus = 0;
            if (!this.inner.Open())
            {
                this.inner.Close();
                this.LastFailure = WebSocketFailure.OpenFailed;
                return false;
            }

            // §4.1: a random 16-byte nonce, base64-encoded; §4.2.2: the answer must carry base64(SHA-1(key + GUID))
            this.random.Fill(this.key, 0, KeyBytes);
            Base64.Encode(this.key, 0, KeyBytes, this.request, this.requestKeyAt);
            this.sha1.Reset();
            this.sha1.Update(this.request, this.requestKeyAt, KeyTextBytes);
            this.sha1.Update(AcceptGuid, 0, AcceptGuid.Length);
            this.sha1.Final(this.digest, 0);
            Base64.Encode(this.digest, 0, Sha1.HashBytes, this.expectedAccept, 0);

            WebSocketFailure failure = this.Handshake();
            if (failure != WebSocketFailure.None)
            {
                this.inner.Close();
                this.ResetConnection();
                this.LastFailure = failure;
                return false;
            }

            this.open = true;
            return true;
        }

        [SteadyState]
        public int Send(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            if (!this.open)
            {
                return -1;
            }

            if (count == 0)
            {
                return 0;
            }

            if (this.frameLength == 0)
            {
                // a pong or close frame waiting to go out leaves whole before the next data frame starts
                int controlFlushed = this.FlushControl();
                if (controlFlushed <= 0)
                {
                    return controlFlushed;
                }

                this.BuildDataFrame(buffer, offset, count < this.maxFramePayload ? count : this.maxFramePayload);
            }

            int flushed = this.FlushFrame();
            if (flushed < 0)
            {
                return -1;
            }

            int onWire = this.frameSent - this.frameHeader;
            if (onWire < 0)
            {
                onWire = 0;
            }

            int report = onWire - this.frameReported;
            if (report > count)
            {
                report = count;
            }

            this.frameReported += report;
            if (this.frameSent == this.frameLength)
            {
                this.frameLength = 0;
                this.frameSent = 0;
            }

            return report;
        }

        [SteadyState]
        public int Receive(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            if (!this.open && !this.draining)
            {
                return -1;
            }

            if (this.open && this.frameLength == 0)
            {
                this.FlushControl();
            }

            int produced = 0;
            while (produced < count && (this.open || this.draining))
            {
                if (!this.inFrame)
                {
                    int header = this.ReadHeader();
                    if (header < 0)
                    {
                        break;
                    }

                    if (header == 0)
                    {
                        if (!this.Fill())
                        {
                            break;
                        }

                        continue;
                    }
                }

                if (this.frameRemaining > 0)
                {
                    int available = this.inputEnd - this.inputStart;
                    if (available == 0)
                    {
                        if (!this.Fill())
                        {
                            break;
                        }

                        available = this.inputEnd - this.inputStart;
                    }

                    int take = this.frameRemaining < available ? (int)this.frameRemaining : available;
                    if (this.frameOpcode == OpBinary)
                    {
                        if (take > count - produced)
                        {
                            take = count - produced;
                        }

                        Array.Copy(this.input, this.inputStart, buffer, offset + produced, take);
                        this.packets.Advance(buffer, offset + produced, take);
                        produced += take;
                    }
                    else
                    {
                        Array.Copy(this.input, this.inputStart, this.controlIn, this.controlInFill, take);
                        this.controlInFill += take;
                    }

                    this.inputStart += take;
                    this.frameRemaining -= take;
                }

                if (this.frameRemaining == 0)
                {
                    this.inFrame = false;
                    if (this.frameOpcode != OpBinary)
                    {
                        this.HandleControlFrame();
                    }
                }
            }

            if (produced > 0)
            {
                return produced; // what came before a failure or a close still counts; the next call reports the end
            }

            this.draining = false;
            return this.open ? 0 : -1;
        }

        /// <summary>Sends a close frame with status 1000 when a frame boundary allows it (best effort, never blocks for long), then closes the connection below.</summary>
        [SteadyState]
        public void Close()
        {
            if (this.open)
            {
                this.open = false;
                this.LastFailure = WebSocketFailure.ClosedByClient;
                this.LastCloseStatus = StatusNormalClosure;
                this.SendCloseFrame(StatusNormalClosure);
            }

            this.inner.Close();
        }

        [SteadyState]
        private void ResetConnection()
        {
            this.open = false;
            this.inputStart = 0;
            this.inputEnd = 0;
            this.frameLength = 0;
            this.frameSent = 0;
            this.frameReported = 0;
            this.controlLength = 0;
            this.controlSent = 0;
            this.controlInFill = 0;
            this.inFrame = false;
            this.inMessage = false;
            this.frameRemaining = 0;
            this.packets.Reset();
        }

        /// <summary>Sends the upgrade request and reads the answer up to its blank line; frame bytes after it stay in the input buffer.</summary>
        [SteadyState]
        private WebSocketFailure Handshake()
        {
            long started = this.clock.ElapsedMilliseconds;
            int sent = 0;
            while (sent < this.request.Length)
            {
                int written = this.inner.Send(this.request, sent, this.request.Length - sent);
                if (written < 0)
                {
                    return WebSocketFailure.HandshakeConnectionClosed;
                }

                if (written == 0)
                {
                    if (this.clock.ElapsedMilliseconds - started >= this.handshakeTimeout)
                    {
                        return WebSocketFailure.HandshakeTimeout;
                    }

                    Thread.Sleep(1);
                }

                sent += written;
            }

            int searchedTo = 0;
            while (true)
            {
                int headerEnd = FindHeaderEnd(this.input, searchedTo, this.inputEnd);
                if (headerEnd > 0)
                {
                    this.inputStart = headerEnd;
                    return this.CheckAnswer(headerEnd);
                }

                searchedTo = this.inputEnd > 3 ? this.inputEnd - 3 : 0;
                if (this.inputEnd == this.input.Length)
                {
                    return WebSocketFailure.HandshakeTooLarge;
                }

                int received = this.inner.Receive(this.input, this.inputEnd, this.input.Length - this.inputEnd);
                if (received < 0)
                {
                    return WebSocketFailure.HandshakeConnectionClosed;
                }

                if (received == 0)
                {
                    if (this.clock.ElapsedMilliseconds - started >= this.handshakeTimeout)
                    {
                        return WebSocketFailure.HandshakeTimeout;
                    }

                    Thread.Sleep(1);
                    continue;
                }

                this.inputEnd += received;
            }
        }

        /// <summary>The index just past the first CR LF CR LF in bytes[from, end), or -1.</summary>
        [SteadyState]
        private static int FindHeaderEnd(byte[] bytes, int from, int end)
        {
            for (int i = from; i + 3 < end; i++)
            {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
                {
                    return i + 4;
                }
            }

            return -1;
        }

        /// <summary>RFC 6455 §4.1, the client's checks of the server's opening handshake (input[0, end)).</summary>
        [SteadyState]
        private WebSocketFailure CheckAnswer(int end)
        {
            // RFC 7230 §3.1.2: HTTP-version SP status-code SP reason-phrase CRLF
            int lineEnd = FindLineEnd(this.input, 0, end);
            if (lineEnd < 12 || !StartsWith(this.input, 0, lineEnd, "HTTP/1.") || this.input[8] != ' '
                || !IsDigit(this.input[9]) || !IsDigit(this.input[10]) || !IsDigit(this.input[11]) || (lineEnd > 12 && this.input[12] != ' '))
            {
                return WebSocketFailure.HandshakeMalformed;
            }

            this.LastHttpStatus = ((this.input[9] - '0') * 100) + ((this.input[10] - '0') * 10) + (this.input[11] - '0');
            if (this.LastHttpStatus != 101)
            {
                return WebSocketFailure.HandshakeRefused;
            }

            bool upgrade = false;
            bool connection = false;
            bool accept = false;
            bool protocol = false;
            int line = lineEnd + 2;
            while (line < end - 2)
            {
                lineEnd = FindLineEnd(this.input, line, end);
                int colon = line;
                while (colon < lineEnd && this.input[colon] != ':')
                {
                    colon++;
                }

                if (colon == lineEnd || colon == line)
                {
                    return WebSocketFailure.HandshakeMalformed;
                }

                int valueStart = colon + 1;
                int valueEnd = lineEnd;
                while (valueStart < valueEnd && IsBlank(this.input[valueStart]))
                {
                    valueStart++;
                }

                while (valueEnd > valueStart && IsBlank(this.input[valueEnd - 1]))
                {
                    valueEnd--;
                }

                if (EqualsIgnoreCase(this.input, line, colon, "upgrade"))
                {
                    upgrade = EqualsIgnoreCase(this.input, valueStart, valueEnd, "websocket");
                }
                else if (EqualsIgnoreCase(this.input, line, colon, "connection"))
                {
                    connection = HasToken(this.input, valueStart, valueEnd, "upgrade");
                }
                else if (EqualsIgnoreCase(this.input, line, colon, "sec-websocket-accept"))
                {
                    accept = SameBytes(this.input, valueStart, valueEnd, this.expectedAccept);
                }
                else if (EqualsIgnoreCase(this.input, line, colon, "sec-websocket-protocol"))
                {
                    protocol = valueEnd - valueStart == 4 && StartsWith(this.input, valueStart, valueEnd, "mqtt");
                }
                else if (EqualsIgnoreCase(this.input, line, colon, "sec-websocket-extensions") && valueEnd > valueStart)
                {
                    return WebSocketFailure.HandshakeUnexpectedExtension;
                }

                line = lineEnd + 2;
            }

            if (!upgrade || !connection)
            {
                return WebSocketFailure.HandshakeNoUpgrade;
            }

            if (!accept)
            {
                return WebSocketFailure.HandshakeBadAccept;
            }

            return protocol ? WebSocketFailure.None : WebSocketFailure.HandshakeNoSubprotocol;
        }

        /// <summary>
        /// Parses the next frame header from the input buffer: 1 when one was read, 0 when more bytes are needed, -1
        /// when it breaks a rule (the connection is then closed).
        /// </summary>
        [SteadyState]
        private int ReadHeader()
        {
            int available = this.inputEnd - this.inputStart;
            if (available < 2)
            {
                return 0;
            }

            int first = this.input[this.inputStart];
            int second = this.input[this.inputStart + 1];
            bool final = (first & 0x80) != 0;
            int opcode = first & 0x0F;
            int length7 = second & 0x7F;

            // §5.2: RSV1-3 must be 0 unless an extension defines them (we negotiate none)
            if ((first & 0x70) != 0)
            {
                return this.Fail(WebSocketFailure.ReservedBits, StatusProtocolError);
            }

            // §5.1: a client closes the connection when it sees a masked frame
            if ((second & 0x80) != 0)
            {
                return this.Fail(WebSocketFailure.MaskedFrame, StatusProtocolError);
            }

            switch (opcode)
            {
                case OpContinuation:
                    if (!this.inMessage)
                    {
                        return this.Fail(WebSocketFailure.UnexpectedContinuation, StatusProtocolError);
                    }

                    break;
                case OpText:
                    // MQTT 3.1.1 §6: a data frame that is not binary closes the connection
                    return this.Fail(WebSocketFailure.TextFrame, StatusUnsupportedData);
                case OpBinary:
                    if (this.inMessage)
                    {
                        return this.Fail(WebSocketFailure.ExpectedContinuation, StatusProtocolError);
                    }

                    break;
                case OpClose:
                case OpPing:
                case OpPong:
                    // §5.5: control frames are never fragmented and carry at most 125 bytes
                    if (!final)
                    {
                        return this.Fail(WebSocketFailure.FragmentedControlFrame, StatusProtocolError);
                    }

                    if (length7 > MaxControlPayload)
                    {
                        return this.Fail(WebSocketFailure.BadLength, StatusProtocolError);
                    }

                    break;
                default:
                    return this.Fail(WebSocketFailure.BadOpcode, StatusProtocolError);
            }

            int headerLength = length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
            if (available < headerLength)
            {
                return 0;
            }

            int at = this.inputStart + 2;
            long length = length7;
            if (length7 == 126)
            {
                length = (this.input[at] << 8) | this.input[at + 1];
                if (length < 126)
                {
                    return this.Fail(WebSocketFailure.BadLength, StatusProtocolError); // §5.2: the minimal number of bytes
                }
            }
            else if (length7 == 127)
            {
                if ((this.input[at] | this.input[at + 1] | this.input[at + 2] | this.input[at + 3]) != 0)
                {
                    return this.Fail(WebSocketFailure.FrameTooLarge, StatusMessageTooBig); // 2^32 bytes or more (or the forbidden top bit)
                }

                length = ((long)this.input[at + 4] << 24) | ((long)this.input[at + 5] << 16) | ((long)this.input[at + 6] << 8) | this.input[at + 7];
                if (length <= 0xFFFF)
                {
                    return this.Fail(WebSocketFailure.BadLength, StatusProtocolError);
                }
            }

            if (length > this.maxIncomingFrame)
            {
                return this.Fail(WebSocketFailure.FrameTooLarge, StatusMessageTooBig);
            }

            this.inputStart += headerLength;
            this.inFrame = true;
            this.frameRemaining = length;
            if (opcode == OpContinuation || opcode == OpBinary)
            {
                this.frameOpcode = OpBinary;
                this.inMessage = !final;
            }
            else
            {
                this.frameOpcode = opcode;
                this.controlInFill = 0;
            }

            return 1;
        }

        /// <summary>Acts on a complete close, ping or pong frame (its payload is in controlIn).</summary>
        [SteadyState]
        private void HandleControlFrame()
        {
            if (!this.open)
            {
                return; // draining what arrived before a failed write: nothing more goes out
            }

            if (this.frameOpcode == OpPing)
            {
                // §5.5.2: a pong with the ping's payload, as soon as practical
                this.QueueControl(OpPong, this.controlIn, 0, this.controlInFill);
                if (this.frameLength == 0)
                {
                    this.FlushControl();
                }

                return;
            }

            if (this.frameOpcode != OpClose)
            {
                return; // §5.5.3: an unsolicited pong needs no answer
            }

            // §5.5.1: the body, if any, starts with a 2-byte status; §7.1.5: none means 1005
            if (this.controlInFill == 1)
            {
                this.Fail(WebSocketFailure.BadLength, StatusProtocolError);
                return;
            }

            int status = this.controlInFill >= 2 ? (this.controlIn[0] << 8) | this.controlIn[1] : StatusNoStatusReceived;
            if (this.controlInFill >= 2 && !IsStatusAllowedOnTheWire(status))
            {
                this.Fail(WebSocketFailure.BadCloseStatus, StatusProtocolError);
                return;
            }

            // §5.5.1: the reason after the status is UTF-8; §8.1: invalid UTF-8 fails the connection with 1007
            if (this.controlInFill > 2 && !IsUtf8(this.controlIn, 2, this.controlInFill - 2))
            {
                this.Fail(WebSocketFailure.BadCloseReason, StatusInvalidPayload);
                return;
            }

            WebSocketFailure failure = this.packets.AtBoundary ? WebSocketFailure.ClosedByServer : WebSocketFailure.ClosedMidPacket;

            // §5.5.1: the endpoint answers with a close frame, typically echoing the status it received
            this.Fail(failure, status == StatusNoStatusReceived ? StatusNormalClosure : status);
            this.LastCloseStatus = status;
        }

        /// <summary>
        /// RFC 6455 §7.4.1-§7.4.2 and the IANA registry it set up (§11.7): 1000-1003 and 1007-1014 are defined,
        /// 3000-4999 belong to libraries and applications; 1004-1006 and 1015 must never be sent, the rest is reserved.
        /// </summary>
        [SteadyState]
        private static bool IsStatusAllowedOnTheWire(int status)
        {
            return (status >= 1000 && status <= 1003) || (status >= 1007 && status <= 1014) || (status >= 3000 && status <= 4999);
        }

        /// <summary>
        /// Well-formed UTF-8 (RFC 3629). WebSocket text may hold U+0000, which MQTT strings may not, so the MQTT
        /// check runs on the pieces between zero bytes.
        /// </summary>
        [SteadyState]
        private static bool IsUtf8(byte[] buffer, int offset, int count)
        {
            int start = offset;
            int end = offset + count;
            for (int i = offset; i <= end; i++)
            {
                if (i == end || buffer[i] == 0)
                {
                    if (!MqttUtf8.IsValid(buffer, start, i - start))
                    {
                        return false;
                    }

                    start = i + 1;
                }
            }

            return true;
        }

        /// <summary>Ends the connection for <paramref name="failure"/>: a close frame with <paramref name="status"/> when possible (0 = none), then the connection below. Returns -1.</summary>
        [SteadyState]
        private int Fail(WebSocketFailure failure, int status)
        {
            this.draining = false;
            if (this.open)
            {
                // closed first, so that a close frame the connection below refuses cannot report a second failure
                this.open = false;
                this.LastFailure = failure;
                this.LastCloseStatus = status;
                if (status != 0)
                {
                    this.SendCloseFrame(status);
                }

                this.inner.Close();
            }

            return -1;
        }

        /// <summary>The connection below refused a write: it has ended, but what it delivered before is still reported by Receive.</summary>
        [SteadyState]
        private int FailWrite()
        {
            bool wasOpen = this.open;
            this.Fail(WebSocketFailure.ConnectionLost, 0);
            this.draining = wasOpen;
            return -1;
        }

        /// <summary>Queues a close frame and gives it one chance to leave; not when a data frame is half on the wire.</summary>
        [SteadyState]
        private void SendCloseFrame(int status)
        {
            if (this.frameLength != 0 && this.frameSent > 0)
            {
                return;
            }

            this.frameLength = 0;
            if (this.controlSent > 0)
            {
                if (this.FlushControl() <= 0)
                {
                    return;
                }
            }

            this.controlIn[0] = (byte)(status >> 8);
            this.controlIn[1] = (byte)status;
            this.QueueControl(OpClose, this.controlIn, 0, 2);
            this.FlushControl();
        }

        /// <summary>Reads from the connection below into the input buffer; false when nothing came or the connection ended.</summary>
        [SteadyState]
        private bool Fill()
        {
            if (!this.open)
            {
                return false; // draining: only what is already buffered
            }

            if (this.inputStart > 0)
            {
                int unread = this.inputEnd - this.inputStart;
                if (unread > 0)
                {
                    Array.Copy(this.input, this.inputStart, this.input, 0, unread);
                }

                this.inputStart = 0;
                this.inputEnd = unread;
            }

            int received = this.inner.Receive(this.input, this.inputEnd, this.input.Length - this.inputEnd);
            if (received < 0)
            {
                this.Fail(WebSocketFailure.ConnectionLost, 0);
                return false;
            }

            if (received == 0)
            {
                return false;
            }

            this.inputEnd += received;
            return true;
        }

        /// <summary>Writes a masked data frame (FIN, binary) of buffer[offset, offset+count) into the frame buffer.</summary>
        [SteadyState]
        private void BuildDataFrame(byte[] buffer, int offset, int count)
        {
            this.frameHeader = WriteHeader(this.frame, OpBinary, count);
            this.random.Fill(this.frame, this.frameHeader - 4, 4);
            Mask(buffer, offset, count, this.frame, this.frameHeader, this.frame, this.frameHeader - 4);
            this.frameLength = this.frameHeader + count;
            this.frameSent = 0;
            this.frameReported = 0;
        }

        /// <summary>Replaces a control frame that has not started to leave; one that has started is finished first and the new one dropped.</summary>
        [SteadyState]
        private void QueueControl(int opcode, byte[] payload, int offset, int count)
        {
            if (this.controlSent > 0)
            {
                return;
            }

            int header = WriteHeader(this.control, opcode, count);
            this.random.Fill(this.control, header - 4, 4);
            Mask(payload, offset, count, this.control, header, this.control, header - 4);
            this.controlLength = header + count;
            this.controlSent = 0;
        }

        /// <summary>1 when no control frame is waiting (any waiting one has left), 0 when the connection below took no more now, -1 when it broke.</summary>
        [SteadyState]
        private int FlushControl()
        {
            while (this.controlSent < this.controlLength)
            {
                int written = this.inner.Send(this.control, this.controlSent, this.controlLength - this.controlSent);
                if (written < 0)
                {
                    return this.FailWrite();
                }

                if (written == 0)
                {
                    return 0;
                }

                this.controlSent += written;
            }

            this.controlLength = 0;
            this.controlSent = 0;
            return 1;
        }

        [SteadyState]
        private int FlushFrame()
        {
            while (this.frameSent < this.frameLength)
            {
                int written = this.inner.Send(this.frame, this.frameSent, this.frameLength - this.frameSent);
                if (written < 0)
                {
                    return this.FailWrite();
                }

                if (written == 0)
                {
                    return 0;
                }

                this.frameSent += written;
            }

            return 1;
        }

        /// <summary>§5.2: FIN set, the opcode, MASK set, the shortest length form, room for the 4-byte masking key. Returns the header length.</summary>
        [SteadyState]
        private static int WriteHeader(byte[] target, int opcode, int length)
        {
            target[0] = (byte)(0x80 | opcode);
            if (length < 126)
            {
                target[1] = (byte)(0x80 | length);
                return 6;
            }

            if (length <= 0xFFFF)
            {
                target[1] = 0x80 | 126;
                target[2] = (byte)(length >> 8);
                target[3] = (byte)length;
                return 8;
            }

            target[1] = 0x80 | 127;
            target[2] = 0;
            target[3] = 0;
            target[4] = 0;
            target[5] = 0;
            target[6] = (byte)(length >> 24);
            target[7] = (byte)(length >> 16);
            target[8] = (byte)(length >> 8);
            target[9] = (byte)length;
            return 14;
        }

        /// <summary>§5.3: octet i of the payload is XORed with octet i mod 4 of the masking key.</summary>
        [SteadyState]
        private static void Mask(byte[] source, int offset, int count, byte[] target, int targetOffset, byte[] maskKey, int maskAt)
        {
            for (int i = 0; i < count; i++)
            {
                target[targetOffset + i] = (byte)(source[offset + i] ^ maskKey[maskAt + (i & 3)]);
            }
        }

        [SteadyState]
        private static int FindLineEnd(byte[] bytes, int from, int end)
        {
            for (int i = from; i + 1 < end; i++)
            {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n')
                {
                    return i;
                }
            }

            return end;
        }

        [SteadyState]
        private static bool StartsWith(byte[] bytes, int from, int end, string prefix)
        {
            if (end - from < prefix.Length)
            {
                return false;
            }

            for (int i = 0; i < prefix.Length; i++)
            {
                if (bytes[from + i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>ASCII case-insensitive comparison of bytes[from, end) with <paramref name="lower"/> (lower case).</summary>
        [SteadyState]
        private static bool EqualsIgnoreCase(byte[] bytes, int from, int end, string lower)
        {
            if (end - from != lower.Length)
            {
                return false;
            }

            for (int i = 0; i < lower.Length; i++)
            {
                int c = bytes[from + i];
                if (c >= 'A' && c <= 'Z')
                {
                    c += 'a' - 'A';
                }

                if (c != lower[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>RFC 7230 §7: a comma-separated list; true when one element is <paramref name="lower"/>, ignoring case.</summary>
        [SteadyState]
        private static bool HasToken(byte[] bytes, int from, int end, string lower)
        {
            int start = from;
            for (int i = from; i <= end; i++)
            {
                if (i == end || bytes[i] == ',')
                {
                    int a = start;
                    int b = i;
                    while (a < b && IsBlank(bytes[a]))
                    {
                        a++;
                    }

                    while (b > a && IsBlank(bytes[b - 1]))
                    {
                        b--;
                    }

                    if (EqualsIgnoreCase(bytes, a, b, lower))
                    {
                        return true;
                    }

                    start = i + 1;
                }
            }

            return false;
        }

        [SteadyState]
        private static bool SameBytes(byte[] bytes, int from, int end, byte[] expected)
        {
            if (end - from != expected.Length)
            {
                return false;
            }

            for (int i = 0; i < expected.Length; i++)
            {
                if (bytes[from + i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        [SteadyState]
        private static bool IsBlank(int c)
        {
            return c == ' ' || c == '\t';
        }

        [SteadyState]
        private static bool IsDigit(int c)
        {
            return c >= '0' && c <= '9';
        }

        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            WriteAscii(text, bytes, 0);
            return bytes;
        }

        private static void WriteAscii(string text, byte[] target, int offset)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c > '~')
                {
                    throw new ArgumentException("host and path must be ASCII");
                }

                target[offset + i] = (byte)c;
            }
        }
    }
}
