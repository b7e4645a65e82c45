namespace HomeNode.IlAudit
{
    /// <summary>
    /// What a rule tracks about values as <see cref="IlPathExplorer{TValue}"/> walks a method body: the explorer moves
    /// values through the stack and variables, the semantics says what instructions produce and where branches go.
    /// </summary>
    internal interface IIlPathSemantics<TValue>
        where TValue : System.IEquatable<TValue>
    {
        /// <summary>A value nothing is known about.</summary>
        TValue Unknown { get; }

        /// <summary>
        /// A variable not stored on this path. <paramref name="clobbered"/>: a field that a call made on this path may
        /// have changed.
        /// </summary>
        TValue Load(IlMethodBody body, IlVariable variable, bool clobbered);

        /// <summary>
        /// The value the instruction pushes (ignored when it pushes nothing). Called for every instruction other than
        /// variable loads and stores, dup, pop and branches: where a rule sees calls, boxes and comparisons.
        /// </summary>
        TValue Evaluate(IlPathStep<TValue> step);

        /// <summary>For a conditional branch: true when it is taken, false when it falls through, null when either can happen.</summary>
        bool? Decide(IlPathStep<TValue> step);

        /// <summary>The array value after <paramref name="element"/> is stored into it (stelem).</summary>
        TValue StoreElement(TValue array, TValue element);
    }
}
