namespace HomeNode.IlAudit
{
    /// <summary>One instruction about to run on a path: what <see cref="IIlPathSemantics{TValue}"/> evaluates.</summary>
    internal sealed class IlPathStep<TValue>
        where TValue : System.IEquatable<TValue>
    {
        public IlPathStep(IlMethodBody body, IlPathState<TValue> state, TValue[] popped)
        {
            Body = body;
            State = state;
            Popped = popped;
        }

        public IlMethodBody Body { get; }

        /// <summary>The state before the instruction runs; exploring from it runs the instruction again.</summary>
        public IlPathState<TValue> State { get; }

        public IlInstruction Instruction => Body.Code[State.Index];

        /// <summary>The operands, in the order they were pushed: for a call the receiver (if any) first, then the arguments.</summary>
        public TValue[] Popped { get; }
    }
}
