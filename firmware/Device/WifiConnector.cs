using System;
using System.Device.Wifi;
using System.Diagnostics;
using System.Threading;
using HomeNode.App.Config;
using nanoFramework.Networking;

namespace HomeNode.Device
{
    /// <summary>Joins the network from the configuration (Wi-Fi, or Ethernet on wired boards) and waits for an address and a valid clock.</summary>
    /// <remarks>
    /// nanoframework/System.Device.Wifi System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs:
    /// ConnectDhcp(ssid, password, reconnectionKind, requiresDateTime, wifiAdapterId, token) and
    /// Reconnect(requiresDateTime, wifiAdapterId, token) (credentials already stored on the board) both return false
    /// on failure with the cause in Status / HelperException, and may each be called only once per boot.
    /// WifiReconnectionKind.Automatic lets the native stack rejoin after a drop. With requiresDateTime: true they also
    /// wait until DateTime.UtcNow is valid (nanoframework/System.Net NetworkHelper/NetworkHelperInternal.cs
    /// WaitForValidDateTime: year &gt;= 2021), i.e. until the firmware's SNTP client has set the clock; TLS certificate
    /// checks need that time, and <see cref="DeviceClock"/> absorbs the step.
    /// </remarks>
    public static class WifiConnector
    {
        /// <summary>Joining, DHCP and the first SNTP answer together; past this the board reboots and tries again.</summary>
        public const int TimeoutMilliseconds = 60000;

        /// <summary>
        /// Connects once; with <paramref name="requiresDateTime"/> it also waits for SNTP to set the clock (TLS needs it;
        /// plain MQTT on a LAN without internet must not wait for it). Returns false (and logs the helper's status) when the network did not come up in time.</summary>
        public static bool Connect(WifiSettings settings, bool requiresDateTime)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            CancellationTokenSource timeout = new CancellationTokenSource(TimeoutMilliseconds);
            bool connected = settings.UseStored
                ? WifiNetworkHelper.Reconnect(requiresDateTime: requiresDateTime, token: timeout.Token)
                : WifiNetworkHelper.ConnectDhcp(
                    settings.Ssid,
                    settings.Password,
                    WifiReconnectionKind.Automatic,
                    requiresDateTime: requiresDateTime,
                    token: timeout.Token);

            if (!connected)
            {
                Debug.WriteLine("wifi: not connected, status " + WifiNetworkHelper.Status.ToString());
                if (WifiNetworkHelper.HelperException != null)
                {
                    Debug.WriteLine("wifi: " + WifiNetworkHelper.HelperException.Message);
                }
            }

            return connected;
        }

        /// <summary>
        /// For a wired board (no <c>[wifi]</c> section): waits for an Ethernet address and a valid clock
        /// (nanoframework/System.Net NetworkHelper/NetworkHelper.cs SetupAndConnectNetwork(token, requiresDateTime),
        /// retryable, same year &gt;= 2021 check).
        /// </summary>
        public static bool ConnectWired(bool requiresDateTime)
        {
            CancellationTokenSource timeout = new CancellationTokenSource(TimeoutMilliseconds);
            bool connected = NetworkHelper.SetupAndConnectNetwork(timeout.Token, requiresDateTime: requiresDateTime);
            if (!connected)
            {
                Debug.WriteLine("ethernet: not connected, status " + NetworkHelper.Status.ToString());
            }

            return connected;
        }
    }
}
