using HomeNode.Mqtt;

namespace HomeNode.AuditSamples
{
    /// <summary>Each [SteadyState] method allocates in exactly one way; the IL audit must report each.</summary>
    public sealed class AllocatingSamples
    {
        private readonly ISampleSink sink = new AllocatingSink();
        private SampleRecord record;
        private byte[] scratch;
        private object boxed;
        private string text;
        private SampleCallback callback;
        private int counter;

        [SteadyState]
        public void NewObject()
        {
            record = new SampleRecord();
        }

        [SteadyState]
        public void NewArray(int length)
        {
            scratch = new byte[length];
        }

        [SteadyState]
        public void Box(int value)
        {
            boxed = value;
        }

        [SteadyState]
        public void Concatenate(string name)
        {
            text = "ourhome/" + name;
        }

        [SteadyState]
        public void Lambda()
        {
            callback = () => counter++;
        }

        [SteadyState]
        public void Closure(int step)
        {
            callback = () => counter += step;
        }

        [SteadyState]
        public int TwoCallsDeep(int length)
        {
            return Middle(length) + 1;
        }

        [SteadyState]
        public int ViaInterface(int value)
        {
            return sink.Accept(value);
        }

        private int Middle(int length)
        {
            return Deepest(length) * 2;
        }

        private int Deepest(int length)
        {
            scratch = new byte[length];
            return scratch.Length;
        }
    }
}
