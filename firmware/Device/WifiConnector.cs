using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using HomeNode.App.Config;
using HomeNode.App.Diagnostics;
using nanoFramework.Networking;

namespace HomeNode.Device
{
    /// <summary>Joins the network from the configuration (Wi-Fi, or Ethernet on wired boards) and waits for an address and a valid clock.</summary>
    /// <remarks>
    /// nanoframework/System.Device.Wifi System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs:
    /// ConnectDhcp(ssid, password, reconnectionKind, requiresDateTime, wifiAdapterId, token) and
    /// Reconnect(requiresDateTime, wifiAdapterId, token) (credentials already stored on the board) both return false
    /// on failure with the cause in Status / HelperException. Both may be called again after a failure: 1.5.144 (commit
    /// f3af6ad) documents them as retryable, and their path (ScanAndConnect, then System.Net's
    /// NetworkHelper.InternalWaitNetworkAvailable with setupEvents false) never reaches the once-only guard, which
    /// only the event-based SetupNetworkHelper has; so start-up joins again instead of rebooting
    /// (<see cref="HomeNode.App.Connection.NetworkJoinRetry"/>). Each ConnectDhcp on a board that is not connected
    /// stores the credentials again (StoreWifiConfiguration); the pauses between joins keep those writes rare.
    /// WifiReconnectionKind.Automatic lets the native stack rejoin after a drop. With requiresDateTime: true they also
    /// wait until DateTime.UtcNow is valid (nanoframework/System.Net NetworkHelper/NetworkHelperInternal.cs
    /// WaitForValidDateTime: year &gt;= 2021), i.e. until the firmware's SNTP client has set the clock; TLS certificate
    /// checks need that time, and <see cref="DeviceClock"/> absorbs the step.
    /// </remarks>
    public static class WifiConnector
    {
        /// <summary>Joining, DHCP and the first SNTP answer together; past this start-up pauses and joins again.</summary>
        public const int TimeoutMilliseconds = 60000;

        /// <summary>
        /// Joins once (call again after a failure); with <paramref name="requiresDateTime"/> it also waits for SNTP to set the clock (TLS needs it;
        /// plain MQTT on a LAN without internet must not wait for it). Returns false (and logs the helper's status) when the network did not come up in time.</summary>
        public static bool Connect(WifiSettings settings, bool requiresDateTime, ILog log)
        {
            if (settings == null || log == null)
            {
                throw new ArgumentNullException(settings == null ? "settings" : "log");
            }

            if (settings.UseStored)
            {
                log.Write("wifi: joining with the credentials stored on the board");
            }
            else
            {
                log.Write("wifi: joining ");
                log.Write(settings.Ssid);
            }

            log.WriteLine(requiresDateTime ? " (then waiting for an address and the time)" : " (then waiting for an address)");
            CancellationTokenSource timeout = new CancellationTokenSource(TimeoutMilliseconds);
            bool connected = settings.UseStored
                ? WifiNetworkHelper.Reconnect(requiresDateTime: requiresDateTime, token: timeout.Token)
                : WifiNetworkHelper.ConnectDhcp(
                    settings.Ssid,
                    settings.Password,
                    WifiReconnectionKind.Automatic,
                    requiresDateTime: requiresDateTime,
                    token: timeout.Token);

            if (connected)
            {
                ReportAddress(log);
            }
            else
            {
                log.Write("wifi: not connected within ");
                log.Write(TimeoutMilliseconds / 1000);
                log.Write(" s, status ");
                log.WriteLine(StatusName(WifiNetworkHelper.Status));
                if (WifiNetworkHelper.HelperException != null)
                {
                    log.Write("wifi: ");
                    ExceptionText.WriteLine(log, WifiNetworkHelper.HelperException);
                }
            }

            return connected;
        }

        /// <summary>
        /// For a wired board (no <c>[wifi]</c> section): waits for an Ethernet address and a valid clock
        /// (nanoframework/System.Net NetworkHelper/NetworkHelper.cs SetupAndConnectNetwork(token, requiresDateTime),
        /// retryable, same year &gt;= 2021 check).
        /// </summary>
        public static bool ConnectWired(bool requiresDateTime, ILog log)
        {
            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            log.WriteLine(requiresDateTime ? "ethernet: waiting for an address and the time" : "ethernet: waiting for an address");
            CancellationTokenSource timeout = new CancellationTokenSource(TimeoutMilliseconds);
            bool connected = NetworkHelper.SetupAndConnectNetwork(timeout.Token, requiresDateTime: requiresDateTime);
            if (connected)
            {
                ReportAddress(log);
            }
            else
            {
                log.Write("ethernet: not connected within ");
                log.Write(TimeoutMilliseconds / 1000);
                log.Write(" s, status ");
                log.WriteLine(StatusName(NetworkHelper.Status));
                if (NetworkHelper.HelperException != null)
                {
                    log.Write("ethernet: ");
                    ExceptionText.WriteLine(log, NetworkHelper.HelperException);
                }
            }

            return connected;
        }

        /// <summary>"network: up, address A.B.C.D": the first interface with an IPv4 address (nanoframework/System.Net
        /// NetworkInformation/NetworkInterface.cs GetAllNetworkInterfaces, IPv4Address).</summary>
        private static void ReportAddress(ILog log)
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                string address = interfaces[i].IPv4Address;
                if (address != null && address.Length != 0 && address != "0.0.0.0")
                {
                    log.Write("network: up, address ");
                    log.WriteLine(address);
                    return;
                }
            }

            log.WriteLine("network: up");
        }

        /// <summary>
        /// The helper's status by name (Enum.ToString returns the number on the device). Members of
        /// nanoframework/System.Net NetworkHelper/NetworkHelperStatus.cs, their spelling included.
        /// </summary>
        private static string StatusName(NetworkHelperStatus status)
        {
            switch (status)
            {
                case NetworkHelperStatus.None: return "None";
                case NetworkHelperStatus.Started: return "Started";
                case NetworkHelperStatus.NetworkIsReady: return "NetworkIsReady";
                case NetworkHelperStatus.FailedNoNetworkInterface: return "FailedNoNetworkInterface (no such interface on this board)";
                case NetworkHelperStatus.TokenExpiredWaitingIPAddress: return "TokenExpiredWaitingIPAddress (no address: wrong password, out of range, or no DHCP)";
                case NetworkHelperStatus.TokenExpiredWaitingDateTime: return "TokenExpiredWaitingDateTime (no answer from SNTP)";
                case NetworkHelperStatus.ErrorConnetingToWiFiWhileScanning: return "ErrorConnetingToWiFiWhileScanning";
                case NetworkHelperStatus.ExceptionOccurred: return "ExceptionOccurred";
                case NetworkHelperStatus.Reconnecting: return "Reconnecting";
                default: return "unknown";
            }
        }
    }
}
