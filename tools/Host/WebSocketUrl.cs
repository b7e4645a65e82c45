using System;
using HomeNode.Mqtt;
using HomeNode.Mqtt.WebSockets;

namespace HomeNode.Host
{
    /// <summary>
    /// A broker's MQTT over WebSockets endpoint as a URL, <c>ws://host[:port]/path</c> or <c>wss://...</c> (RFC 6455 §3),
    /// and the host transport that reaches it: <see cref="WebSocketTransport"/> over <see cref="TcpTransport"/> or
    /// <see cref="TlsTransport"/>.
    /// </summary>
    public sealed class WebSocketUrl
    {
        private WebSocketUrl(string host, int port, bool secure, string path)
        {
            this.Host = host;
            this.Port = port;
            this.Secure = secure;
            this.Path = path;
        }

        public string Host { get; }

        public int Port { get; }

        /// <summary>wss: TLS below the WebSocket.</summary>
        public bool Secure { get; }

        public string Path { get; }

        /// <summary>Parses ws:// or wss:// URLs; the path defaults to /; a query is kept as part of the resource name.</summary>
        public static bool TryParse(string text, out WebSocketUrl url, out string error)
        {
            url = null;
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri uri) || (uri.Scheme != "ws" && uri.Scheme != "wss") || uri.Host.Length == 0)
            {
                error = "expected ws://HOST[:PORT]/PATH or wss://HOST[:PORT]/PATH, got '" + text + "'";
                return false;
            }

            if (uri.UserInfo.Length != 0 || uri.Fragment.Length != 0)
            {
                error = "a WebSocket URL has no user name and no #fragment (RFC 6455 §3), got '" + text + "'";
                return false;
            }

            string path = uri.PathAndQuery.Length == 0 ? "/" : uri.PathAndQuery;
            if (!WebSocketOptions.IsValidPath(path))
            {
                error = "the path must be visible ASCII, got '" + path + "'";
                return false;
            }

            bool secure = uri.Scheme == "wss";
            int port = uri.IsDefaultPort ? (secure ? WebSocketOptions.DefaultSecurePort : WebSocketOptions.DefaultPort) : uri.Port;
            url = new WebSocketUrl(uri.IdnHost.Trim('[', ']'), port, secure, path);
            error = null;
            return true;
        }

        public static WebSocketUrl Parse(string text)
        {
            if (!TryParse(text, out WebSocketUrl url, out string error))
            {
                throw new FormatException(error);
            }

            return url;
        }

        /// <summary>
        /// The WebSocket transport over TCP, or over TLS for wss (<paramref name="tls"/> then names the CA and client
        /// certificate; null trusts the system store). <paramref name="connect"/> sets the TCP time-outs (null: defaults).
        /// </summary>
        public WebSocketTransport CreateTransport(TlsOptions tls, TransportOptions connect = null)
        {
            TransportOptions options = connect ?? new TransportOptions(this.Host, this.Port);
            IMqttTransport below = this.Secure ? new TlsTransport(options, tls ?? new TlsOptions()) : new TcpTransport(options);
            return new WebSocketTransport(below, new WebSocketOptions(this.Host, this.Port, this.Secure, this.Path), new StopwatchClock(), new HostRandomSource());
        }

        public override string ToString()
        {
            string host = this.Host.Contains(':') ? "[" + this.Host + "]" : this.Host;
            return (this.Secure ? "wss://" : "ws://") + host + ":" + this.Port + this.Path;
        }
    }
}
