using System.Text;
using HomeNode.Host.Mosquitto;
using HomeNode.Mqtt;
using Xunit;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>CONNACK refusals from a mosquitto that requires a user name and password (issue 2).</summary>
    public sealed class BrokerCredentialsTests
    {
        [Fact]
        public void WrongOrMissingCredentialsAreRefusedAndRightOnesAccepted()
        {
            MosquittoBrokerOptions options = new MosquittoBrokerOptions { AllowAnonymous = false, Tls = false };
            options.Users["kitchen-node"] = "right password";
            using (MosquittoBroker broker = MosquittoBroker.Start(options))
            {
                // §3.2.2.3: 4 = bad user name or password, 5 = not authorized; mosquitto picks one depending on the case.
                Assert.Contains(Attempt(broker, "kitchen-node", "wrong password"), new[] { MqttStatus.RefusedBadCredentials, MqttStatus.RefusedNotAuthorized });
                Assert.Contains(Attempt(broker, "nobody", "right password"), new[] { MqttStatus.RefusedBadCredentials, MqttStatus.RefusedNotAuthorized });
                Assert.Contains(Attempt(broker, null, null), new[] { MqttStatus.RefusedBadCredentials, MqttStatus.RefusedNotAuthorized });
                Assert.Equal(MqttStatus.Ok, Attempt(broker, "kitchen-node", "right password"));
            }
        }

        private static MqttStatus Attempt(MosquittoBroker broker, string user, string password)
        {
            using (IntegrationClient client = IntegrationClient.Tcp(broker, "credentials " + (user ?? "(anonymous)")))
            {
                MqttConnectOptions connect = IntegrationClient.Options(IntegrationClient.UniqueId("cred"));
                connect.Username = user;
                connect.Password = password == null ? null : Encoding.UTF8.GetBytes(password);
                MqttStatus status = client.ConnectAndWait(connect, IntegrationClient.DefaultTimeout);
                if (status != MqttStatus.Ok)
                {
                    // A refused CONNECT leaves the client disconnected, with the refusal as the close reason.
                    Assert.Equal(MqttConnectionState.Disconnected, client.Client.State);
                    Assert.Equal(new[] { status }, client.Recorder.CloseReasons);
                }

                return status;
            }
        }
    }
}
