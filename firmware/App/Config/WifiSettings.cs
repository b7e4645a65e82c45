namespace HomeNode.App.Config
{
    /// <summary>The <c>[wifi]</c> section. Either <see cref="Ssid"/> (and <see cref="Password"/>) or <see cref="UseStored"/>.</summary>
    public sealed class WifiSettings
    {
        /// <summary>Use the Wi-Fi settings already stored on the board (for example by a network deployment) instead of an SSID here.</summary>
        public bool UseStored;

        /// <summary>Network name, 1 to 32 bytes of UTF-8; null when <see cref="UseStored"/>.</summary>
        public string Ssid;

        /// <summary>WPA2 passphrase (8 to 63 printable ASCII characters) or 64 hex digits; "" for an open network.</summary>
        public string Password = string.Empty;
    }
}
