using HomeNode.App.Config;
using HomeNode.Drivers.Outputs;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>One configured light or relay: its output, its topics, and what still has to be published about it.</summary>
    public sealed class LightChannel
    {
        internal LightChannel(LightSettings settings, LightOutput output, string stateTopic, byte[] stateTopicBytes, string commandTopic, byte[] commandTopicBytes)
        {
            this.Settings = settings;
            this.Output = output;
            this.StateTopic = stateTopic;
            this.StateTopicBytes = stateTopicBytes;
            this.CommandTopic = commandTopic;
            this.CommandTopicBytes = commandTopicBytes;
            this.AwaitingRestore = settings.PowerOn == PowerOnState.Restore;
        }

        public LightSettings Settings { get; private set; }

        /// <summary>null when the hardware could not open the pin; the state is still tracked and published.</summary>
        public LightOutput Output { get; private set; }

        public bool IsOn
        {
            get { return this.Output != null ? this.Output.IsOn : this.stateWithoutPin; }
        }

        /// <summary>Retained state topic: the light's topic itself.</summary>
        public string StateTopic { get; private set; }

        public byte[] StateTopicBytes { get; private set; }

        /// <summary>Command topic: the light's topic + "/set".</summary>
        public string CommandTopic { get; private set; }

        public byte[] CommandTopicBytes { get; private set; }

        /// <summary>The state must be (re)published retained.</summary>
        internal bool StatePending;

        /// <summary>power_on = restore: waiting for the retained state from the broker before publishing our own.</summary>
        internal bool AwaitingRestore;

        internal long RestoreDeadline;

        /// <summary>Restore finished: the subscription to the state topic is no longer wanted.</summary>
        internal bool UnsubscribePending;

        /// <summary>UNSUBSCRIBE sent with <see cref="UnsubscribePacketId"/>; the state is not published until its UNSUBACK.</summary>
        internal bool UnsubscribeAwaitingAck;

        internal ushort UnsubscribePacketId;

        private bool stateWithoutPin;

        /// <summary>The wait for a retained state is over (it came, a command came, or the time ran out): unsubscribe, then publish.</summary>
        [SteadyState]
        internal void FinishRestore()
        {
            this.AwaitingRestore = false;
            this.UnsubscribePending = true;
            this.StatePending = true;
        }

        internal void Set(bool on)
        {
            if (this.Output != null)
            {
                this.Output.Set(on);
            }
            else
            {
                this.stateWithoutPin = on;
            }
        }
    }
}
