using HomeNode.App.Runtime;
using HomeNode.Tests.Runtime;

namespace HomeNode.Tests.Reliability
{
    public static class FailingPinTests
    {
        private const string Base = RuntimeRig.Base;

        /// <summary>A GPIO write that throws used to leave Poll half-way through the dispatch; now the light keeps its state and says so.</summary>
        public static void ACommandToAFailingPinPublishesTheUnchangedState()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.StartConnected();
            rig.AcknowledgeAll();
            rig.Transport.ClearSent();
            rig.Hardware.Pin(0).Fails = true;
            rig.Deliver(Base + "/ceiling/set", "ON", false);
            Check.False(rig.Runtime.Lights[0].IsOn, "still off");
            Check.Equal("OFF", rig.Sent().LastPublish(Base + "/ceiling").Payload, "the truth is published");
            Check.Equal(RuntimeStatus.Online, rig.Runtime.Status, "still online");
            rig.AcknowledgeAll();
            rig.Hardware.Pin(0).Fails = false;
            rig.Deliver(Base + "/ceiling/set", "ON", false);
            Check.True(rig.Runtime.Lights[0].IsOn, "the next command works");
        }
    }
}
