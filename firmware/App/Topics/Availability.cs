namespace HomeNode.App.Topics
{
    /// <summary>
    /// Payloads of the <c>status</c> topic: "online" published (retained) after CONNACK, "offline" as the
    /// will. Home Assistant's defaults for payload_available / payload_not_available, announced explicitly anyway.
    /// </summary>
    public static class Availability
    {
        public const string Online = "online";
        public const string Offline = "offline";
    }
}
