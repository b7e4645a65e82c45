using HomeNode.Mqtt;

namespace HomeNode.App.Diagnostics
{
    /// <summary>
    /// The name of each <see cref="MqttStatus"/> for log lines. Enum.ToString on nanoCLR returns the number, so the
    /// names are spelled out here; a value added to the enum without a name here shows as "status N".
    /// </summary>
    public static class MqttStatusName
    {
        /// <summary>The member's name, or null for a value the table does not know (see <see cref="Write"/>).</summary>
        public static string Of(MqttStatus status)
        {
            switch (status)
            {
                case MqttStatus.Ok: return "Ok";
                case MqttStatus.NotConnected: return "NotConnected";
                case MqttStatus.AlreadyConnected: return "AlreadyConnected";
                case MqttStatus.InflightFull: return "InflightFull";
                case MqttStatus.SendInProgress: return "SendInProgress";
                case MqttStatus.PacketTooLarge: return "PacketTooLarge";
                case MqttStatus.InvalidTopic: return "InvalidTopic";
                case MqttStatus.InvalidString: return "InvalidString";
                case MqttStatus.NotSupported: return "NotSupported";
                case MqttStatus.TransportOpenFailed: return "TransportOpenFailed";
                case MqttStatus.TransportClosed: return "TransportClosed";
                case MqttStatus.SendTimeout: return "SendTimeout";
                case MqttStatus.RefusedProtocolVersion: return "RefusedProtocolVersion";
                case MqttStatus.RefusedIdentifierRejected: return "RefusedIdentifierRejected";
                case MqttStatus.RefusedServerUnavailable: return "RefusedServerUnavailable";
                case MqttStatus.RefusedBadCredentials: return "RefusedBadCredentials";
                case MqttStatus.RefusedNotAuthorized: return "RefusedNotAuthorized";
                case MqttStatus.RefusedUnknownCode: return "RefusedUnknownCode";
                case MqttStatus.ConnectTimeout: return "ConnectTimeout";
                case MqttStatus.PingTimeout: return "PingTimeout";
                case MqttStatus.UnexpectedSessionPresent: return "UnexpectedSessionPresent";
                case MqttStatus.MalformedPacket: return "MalformedPacket";
                case MqttStatus.MalformedRemainingLength: return "MalformedRemainingLength";
                case MqttStatus.MalformedTopic: return "MalformedTopic";
                case MqttStatus.ProtocolViolation: return "ProtocolViolation";
                case MqttStatus.IncomingPacketTooLarge: return "IncomingPacketTooLarge";
                case MqttStatus.IncomingQos2TableFull: return "IncomingQos2TableFull";
                case MqttStatus.UnknownPacketId: return "UnknownPacketId";
                case MqttStatus.SessionLost: return "SessionLost";
                case MqttStatus.ClosedByClient: return "ClosedByClient";
                case MqttStatus.SubscribeAbandoned: return "SubscribeAbandoned";
                case MqttStatus.UnsubscribeAbandoned: return "UnsubscribeAbandoned";
                case MqttStatus.ResendLimitReached: return "ResendLimitReached";
                case MqttStatus.RefusedByServer: return "RefusedByServer";
                case MqttStatus.ClosedBeforeConnAck: return "ClosedBeforeConnAck";
                case MqttStatus.DisconnectedByServer: return "DisconnectedByServer";
                case MqttStatus.ReceiveMaximumExceeded: return "ReceiveMaximumExceeded";
                case MqttStatus.TopicAliasInvalid: return "TopicAliasInvalid";
                case MqttStatus.QosNotSupported: return "QosNotSupported";
                case MqttStatus.RetainNotSupported: return "RetainNotSupported";
                case MqttStatus.PublishRefused: return "PublishRefused";
                case MqttStatus.AuthenticationNotSupported: return "AuthenticationNotSupported";
                default: return null;
            }
        }

        /// <summary>Writes the name, or "status N" for a value without one, to the current line of <paramref name="log"/>.</summary>
        public static void Write(ILog log, MqttStatus status)
        {
            string name = Of(status);
            if (name != null)
            {
                log.Write(name);
                return;
            }

            log.Write("status ");
            log.Write((long)status);
        }
    }
}
