namespace HomeNode.Mqtt
{
    /// <summary>
    /// MQTT 5.0 property identifiers (OASIS MQTT 5.0 §2.2.2.2, table 2-4). Constants rather than an enum: on nanoCLR
    /// an enum prints as its number, and these are bytes on the wire.
    /// </summary>
    public static class MqttPropertyId
    {
        public const byte PayloadFormatIndicator = 0x01;
        public const byte MessageExpiryInterval = 0x02;
        public const byte ContentType = 0x03;
        public const byte ResponseTopic = 0x08;
        public const byte CorrelationData = 0x09;
        public const byte SubscriptionIdentifier = 0x0B;
        public const byte SessionExpiryInterval = 0x11;
        public const byte AssignedClientIdentifier = 0x12;
        public const byte ServerKeepAlive = 0x13;
        public const byte AuthenticationMethod = 0x15;
        public const byte AuthenticationData = 0x16;
        public const byte RequestProblemInformation = 0x17;
        public const byte WillDelayInterval = 0x18;
        public const byte RequestResponseInformation = 0x19;
        public const byte ResponseInformation = 0x1A;
        public const byte ServerReference = 0x1C;
        public const byte ReasonString = 0x1F;
        public const byte ReceiveMaximum = 0x21;
        public const byte TopicAliasMaximum = 0x22;
        public const byte TopicAlias = 0x23;
        public const byte MaximumQos = 0x24;
        public const byte RetainAvailable = 0x25;
        public const byte UserProperty = 0x26;
        public const byte MaximumPacketSize = 0x27;
        public const byte WildcardSubscriptionAvailable = 0x28;
        public const byte SubscriptionIdentifierAvailable = 0x29;
        public const byte SharedSubscriptionAvailable = 0x2A;

        /// <summary>Highest identifier MQTT 5.0 defines; a set of identifiers fits one 64-bit mask.</summary>
        public const int Highest = 0x2A;

        // The MqttPropertyReader type constant of each identifier 0x00 to Highest as a digit (table 2-4); "0" = Unknown, not defined.
        // A string rather than a switch: far less code on the device (a digit, not U+0000, for nanoCLR's strings).
        private const string TypeByIdentifier =
            "0" + // 0x00 not defined
            "1" + // 0x01 Payload Format Indicator: Byte
            "3" + // 0x02 Message Expiry Interval: Four Byte Integer
            "5" + // 0x03 Content Type: UTF-8 Encoded String
            "0000" + // 0x04-0x07 not defined
            "5" + // 0x08 Response Topic: UTF-8 Encoded String
            "6" + // 0x09 Correlation Data: Binary Data
            "0" + // 0x0A not defined
            "4" + // 0x0B Subscription Identifier: Variable Byte Integer
            "00000" + // 0x0C-0x10 not defined
            "3" + // 0x11 Session Expiry Interval: Four Byte Integer
            "5" + // 0x12 Assigned Client Identifier: UTF-8 Encoded String
            "2" + // 0x13 Server Keep Alive: Two Byte Integer
            "0" + // 0x14 not defined
            "5" + // 0x15 Authentication Method: UTF-8 Encoded String
            "6" + // 0x16 Authentication Data: Binary Data
            "1" + // 0x17 Request Problem Information: Byte
            "3" + // 0x18 Will Delay Interval: Four Byte Integer
            "1" + // 0x19 Request Response Information: Byte
            "5" + // 0x1A Response Information: UTF-8 Encoded String
            "0" + // 0x1B not defined
            "5" + // 0x1C Server Reference: UTF-8 Encoded String
            "00" + // 0x1D-0x1E not defined
            "5" + // 0x1F Reason String: UTF-8 Encoded String
            "0" + // 0x20 not defined
            "2" + // 0x21 Receive Maximum: Two Byte Integer
            "2" + // 0x22 Topic Alias Maximum: Two Byte Integer
            "2" + // 0x23 Topic Alias: Two Byte Integer
            "1" + // 0x24 Maximum QoS: Byte
            "1" + // 0x25 Retain Available: Byte
            "7" + // 0x26 User Property: UTF-8 String Pair
            "3" + // 0x27 Maximum Packet Size: Four Byte Integer
            "1" + // 0x28 Wildcard Subscription Available: Byte
            "1" + // 0x29 Subscription Identifier Available: Byte
            "1"; // 0x2A Shared Subscription Available: Byte

        /// <summary>The wire type of a property (§2.2.2.2), or <see cref="MqttPropertyReader.Unknown"/> for an identifier MQTT 5.0 does not define.</summary>
        [SteadyState]
        public static int TypeOf(int id)
        {
            return id < 0 || id > Highest ? MqttPropertyReader.Unknown : TypeByIdentifier[id] - '0';
        }
    }
}
