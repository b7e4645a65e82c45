namespace HomeNode.Mqtt
{
    /// <summary>The data representations of MQTT 5.0 properties (§1.5).</summary>
    public enum MqttPropertyType
    {
        Unknown,

        /// <summary>One byte (§1.5.1).</summary>
        Byte,

        /// <summary>Big-endian 16 bits (§1.5.2).</summary>
        TwoByteInteger,

        /// <summary>Big-endian 32 bits (§1.5.3).</summary>
        FourByteInteger,

        /// <summary>1 to 4 bytes, 7 bits each (§1.5.5).</summary>
        VariableByteInteger,

        /// <summary>Two-byte length and well-formed UTF-8 (§1.5.4).</summary>
        Utf8String,

        /// <summary>Two-byte length and bytes (§1.5.6).</summary>
        BinaryData,

        /// <summary>Two UTF-8 strings: name and value (§1.5.7).</summary>
        Utf8StringPair,
    }
}
