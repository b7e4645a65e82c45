namespace HomeNode.Drivers
{
    /// <summary>
    /// A digital output (relay, LED). The device glue adapts nanoFramework's GpioPin; the simulator and
    /// tests use a recording fake. Contract: <see cref="Write"/> sets the electrical level (true = high).
    /// </summary>
    public interface IOutputPin
    {
        void Write(bool high);
    }
}
