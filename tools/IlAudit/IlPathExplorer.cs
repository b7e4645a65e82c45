using System;
using System.Collections.Generic;
using System.Reflection.Emit;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// Walks every path through a method body from a state, carrying abstract values (<typeparamref name="TValue"/>)
    /// on the evaluation stack and in variables. Each distinct state is visited once, so loops end; branches the
    /// semantics cannot decide are followed both ways. Exception handlers are not entered: a throw that a handler in
    /// the same method may catch ends the path as inconclusive.
    /// </summary>
    internal sealed class IlPathExplorer<TValue>
        where TValue : IEquatable<TValue>
    {
        public const int DefaultStateBudget = 20000;

        private readonly IlMethodBody body;
        private readonly IIlPathSemantics<TValue> semantics;
        private readonly int stateBudget;

        public IlPathExplorer(IlMethodBody body, IIlPathSemantics<TValue> semantics, int stateBudget = DefaultStateBudget)
        {
            this.body = body;
            this.semantics = semantics;
            this.stateBudget = stateBudget;
        }

        /// <summary>The method's first instruction, with an empty stack and nothing stored.</summary>
        public IlPathState<TValue> Entry => new IlPathState<TValue>(0, Array.Empty<TValue>(), new Dictionary<IlVariable, TValue>(), false);

        public IlPathOutcome Explore(IlPathState<TValue> start)
        {
            IlPathOutcome outcome = new IlPathOutcome();
            HashSet<IlPathState<TValue>> visited = new HashSet<IlPathState<TValue>>();
            Stack<IlPathState<TValue>> pending = new Stack<IlPathState<TValue>>();
            pending.Push(start);
            while (pending.Count > 0)
            {
                IlPathState<TValue> state = pending.Pop();
                if (!visited.Add(state))
                {
                    continue;
                }

                if (visited.Count > stateBudget || state.Index >= body.Code.Count)
                {
                    outcome.Inconclusive = true;
                    break;
                }

                if (body.OnThrowPath(state.Index))
                {
                    outcome.ReachesThrow = true;
                    continue;
                }

                Step(state, pending, outcome);
            }

            return outcome;
        }

        private void Step(IlPathState<TValue> state, Stack<IlPathState<TValue>> pending, IlPathOutcome outcome)
        {
            IlInstruction instruction = body.Code[state.Index];
            OpCode op = instruction.OpCode;
            if (op.Value == OpCodes.Ret.Value)
            {
                outcome.ReachesReturn = true;
                return;
            }

            // endfinally and endfilter (Return), a throw a handler may catch, jmp
            if (op.FlowControl == FlowControl.Return || op.FlowControl == FlowControl.Throw || op.Value == OpCodes.Jmp.Value)
            {
                outcome.Inconclusive = true;
                return;
            }

            int pops = IlStackEffect.Pops(body, instruction);
            if (pops > state.Stack.Length)
            {
                outcome.Inconclusive = true;
                return;
            }

            TValue[] popped = new TValue[pops];
            Array.Copy(state.Stack, state.Stack.Length - pops, popped, 0, pops);
            List<TValue> stack = new List<TValue>(state.Stack.Length + 2);
            for (int i = 0; i < state.Stack.Length - pops; i++)
            {
                stack.Add(state.Stack[i]);
            }

            Dictionary<IlVariable, TValue> variables = state.Variables;
            bool fieldsClobbered = state.FieldsClobbered;
            int next = state.Index + 1;
            if (body.TryGetVariable(instruction, out IlVariable variable, out IlVariableAccess access))
            {
                switch (access)
                {
                    case IlVariableAccess.Load:
                        stack.Add(variables.TryGetValue(variable, out TValue stored)
                            ? stored
                            : semantics.Load(body, variable, fieldsClobbered && variable.Kind == IlVariableKind.Field));
                        break;
                    case IlVariableAccess.Store:
                        variables = new Dictionary<IlVariable, TValue>(variables) { [variable] = popped[pops - 1] };
                        break;
                    default:
                        variables = new Dictionary<IlVariable, TValue>(variables) { [variable] = semantics.Unknown };
                        stack.Add(semantics.Unknown);
                        break;
                }

                pending.Push(new IlPathState<TValue>(next, stack.ToArray(), variables, fieldsClobbered));
                return;
            }

            if (op.Value == OpCodes.Dup.Value)
            {
                stack.Add(popped[0]);
                stack.Add(popped[0]);
                pending.Push(new IlPathState<TValue>(next, stack.ToArray(), variables, fieldsClobbered));
                return;
            }

            IlPathStep<TValue> step = new IlPathStep<TValue>(body, state, popped);
            if (op.FlowControl == FlowControl.Cond_Branch && op.Value != OpCodes.Switch.Value)
            {
                bool? taken = semantics.Decide(step);
                TValue[] afterBranch = stack.ToArray();
                if (taken != false)
                {
                    PushTarget(instruction.BranchTargets[0], afterBranch, variables, fieldsClobbered, pending, outcome);
                }

                if (taken != true)
                {
                    pending.Push(new IlPathState<TValue>(next, afterBranch, variables, fieldsClobbered));
                }

                return;
            }

            if (op.Value == OpCodes.Pop.Value)
            {
                pending.Push(new IlPathState<TValue>(next, stack.ToArray(), variables, fieldsClobbered));
                return;
            }

            TValue pushed = semantics.Evaluate(step);
            if (IsElementStore(op))
            {
                TValue array = popped[0];
                TValue updated = semantics.StoreElement(array, popped[2]);
                if (!updated.Equals(array))
                {
                    Replace(stack, array, updated);
                    variables = Replace(variables, array, updated);
                }
            }

            if (op.FlowControl == FlowControl.Call || op.Value == OpCodes.Newobj.Value)
            {
                // the callee may store into any field
                variables = WithoutFields(variables);
                fieldsClobbered = true;
            }

            if (IlStackEffect.Pushes(body, instruction) > 0)
            {
                stack.Add(pushed);
            }

            TValue[] after = stack.ToArray();
            if (op.Value == OpCodes.Leave.Value || op.Value == OpCodes.Leave_S.Value)
            {
                // leave empties the evaluation stack (ECMA-335 §III.3.46)
                PushTarget(instruction.BranchTargets[0], Array.Empty<TValue>(), variables, fieldsClobbered, pending, outcome);
                return;
            }

            foreach (int target in instruction.BranchTargets)
            {
                PushTarget(target, after, variables, fieldsClobbered, pending, outcome);
            }

            if (op.FlowControl != FlowControl.Branch)
            {
                pending.Push(new IlPathState<TValue>(next, after, variables, fieldsClobbered));
            }
        }

        private void PushTarget(int offset, TValue[] stack, Dictionary<IlVariable, TValue> variables, bool fieldsClobbered, Stack<IlPathState<TValue>> pending, IlPathOutcome outcome)
        {
            if (body.TryGetIndex(offset, out int index))
            {
                pending.Push(new IlPathState<TValue>(index, stack, variables, fieldsClobbered));
            }
            else
            {
                outcome.Inconclusive = true;
            }
        }

        private static bool IsElementStore(OpCode op)
        {
            return op.Name.StartsWith("stelem", StringComparison.Ordinal);
        }

        private static void Replace(List<TValue> stack, TValue old, TValue updated)
        {
            for (int i = 0; i < stack.Count; i++)
            {
                if (stack[i].Equals(old))
                {
                    stack[i] = updated;
                }
            }
        }

        private static Dictionary<IlVariable, TValue> Replace(Dictionary<IlVariable, TValue> variables, TValue old, TValue updated)
        {
            Dictionary<IlVariable, TValue> result = new Dictionary<IlVariable, TValue>(variables);
            foreach (KeyValuePair<IlVariable, TValue> entry in variables)
            {
                if (entry.Value.Equals(old))
                {
                    result[entry.Key] = updated;
                }
            }

            return result;
        }

        private static Dictionary<IlVariable, TValue> WithoutFields(Dictionary<IlVariable, TValue> variables)
        {
            Dictionary<IlVariable, TValue> result = new Dictionary<IlVariable, TValue>();
            foreach (KeyValuePair<IlVariable, TValue> entry in variables)
            {
                if (entry.Key.Kind != IlVariableKind.Field)
                {
                    result.Add(entry.Key, entry.Value);
                }
            }

            return result;
        }
    }
}
