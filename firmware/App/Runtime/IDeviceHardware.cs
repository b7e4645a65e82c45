using HomeNode.App.Config;
using HomeNode.Drivers;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// What the firmware needs from the board (device glue) or from the simulator.
    /// </summary>
    /// <remarks>
    /// Contract: Open* are called once per configured sensor or light at start-up and may return null when the part
    /// cannot be opened (the runtime then counts every read as failed, or drives no pin); the others are called from
    /// the runtime loop, must be cheap and must not allocate.
    /// </remarks>
    public interface IDeviceHardware
    {
        IEnvironmentSensor OpenSensor(SensorSettings sensor);

        IOutputPin OpenLight(LightSettings light);

        /// <summary>Free managed memory in bytes, or -1 if unknown.</summary>
        long FreeMemoryBytes();

        /// <summary>Wi-Fi signal in dBm, or 0 when unknown or not on Wi-Fi.</summary>
        int WifiSignalDbm();

        /// <summary>False while the network link (Wi-Fi) is down: no connection is attempted and a live one is dropped.</summary>
        bool IsNetworkUp();
    }
}
