using System.Threading.Tasks;

namespace HomeNode.Bench
{
    /// <summary>
    /// Runs the broker workloads for one contender in that client's natural style: an async client awaits its
    /// publishes, a polled client runs a publisher loop and a subscriber poll thread, so no adapter allocates on the
    /// client's behalf. Each call opens its own publisher and subscriber connection and closes them before returning.
    /// </summary>
    /// <remarks>
    /// Contract, the same for every implementation: subscribe (at the plan's QoS) before the publisher connects;
    /// publish <see cref="BrokerWorkloadPlan.WarmUpMessages"/> unmeasured messages and wait until they arrived; start
    /// the measurement; publish back to back (QoS 0: flood, as fast as the client takes them; QoS 1: each publish
    /// waits for its PUBACK) until <see cref="BrokerWorkloadPlan.Messages"/> or <see cref="BrokerWorkloadPlan.MaxSeconds"/>;
    /// wait at most <see cref="BrokerWorkloadPlan.DeliveryGrace"/> for the subscriber to receive them all; stop the
    /// measurement. Latency: one QoS 1 message at a time (publish, PUBACK, arrival), a Stopwatch timestamp in the
    /// first 8 payload bytes, read back in the subscriber's receive callback.
    /// </remarks>
    public interface IBrokerWorkloads
    {
        Task<BrokerWorkloadOutcome> ThroughputAsync(BrokerWorkloadPlan plan);

        Task<BrokerWorkloadOutcome> LatencyAsync(BrokerWorkloadPlan plan);
    }
}
