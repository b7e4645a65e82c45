using System;
using System.Collections.Generic;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// Where one path through a method body stands: the next instruction, the evaluation stack, and the variables
    /// stored on the way. Compared by value, so the explorer visits each distinct state once.
    /// </summary>
    internal sealed class IlPathState<TValue> : IEquatable<IlPathState<TValue>>
        where TValue : IEquatable<TValue>
    {
        private readonly int hash;

        public IlPathState(int index, TValue[] stack, Dictionary<IlVariable, TValue> variables, bool fieldsClobbered)
        {
            Index = index;
            Stack = stack;
            Variables = variables;
            FieldsClobbered = fieldsClobbered;
            int hashValue = HashCode.Combine(index, stack.Length, fieldsClobbered);
            foreach (TValue value in stack)
            {
                hashValue = HashCode.Combine(hashValue, value);
            }

            int variablesHash = 0;
            foreach (KeyValuePair<IlVariable, TValue> entry in variables)
            {
                // order-independent: the dictionary's order is not part of the state
                variablesHash ^= HashCode.Combine(entry.Key, entry.Value);
            }

            hash = HashCode.Combine(hashValue, variablesHash);
        }

        /// <summary>Index into <see cref="IlMethodBody.Code"/> of the next instruction.</summary>
        public int Index { get; }

        /// <summary>Bottom first.</summary>
        public TValue[] Stack { get; }

        /// <summary>Values stored on this path; a variable not here holds what it held when the method was entered.</summary>
        public Dictionary<IlVariable, TValue> Variables { get; }

        /// <summary>A call was made on this path, so fields not stored since may hold anything.</summary>
        public bool FieldsClobbered { get; }

        public bool Equals(IlPathState<TValue> other)
        {
            if (other == null || other.hash != hash || other.Index != Index || other.FieldsClobbered != FieldsClobbered
                || other.Stack.Length != Stack.Length || other.Variables.Count != Variables.Count)
            {
                return false;
            }

            for (int i = 0; i < Stack.Length; i++)
            {
                if (!Stack[i].Equals(other.Stack[i]))
                {
                    return false;
                }
            }

            foreach (KeyValuePair<IlVariable, TValue> entry in Variables)
            {
                if (!other.Variables.TryGetValue(entry.Key, out TValue value) || !value.Equals(entry.Value))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object obj)
        {
            return Equals(obj as IlPathState<TValue>);
        }

        public override int GetHashCode()
        {
            return hash;
        }
    }
}
