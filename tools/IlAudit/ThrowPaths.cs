using System.Collections.Generic;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// Finds the instructions from which every path ends in a throw: argument checks for caller bugs
    /// (<c>throw new ArgumentException(...)</c>). They are not steady state, so their allocations do not count.
    /// </summary>
    /// <remarks>
    /// A throw counts only outside any try block that has a catch or filter handler: a caught exception would be
    /// control flow that returns normally. Loops that only leave by throwing are not recognised (least fixed
    /// point), which errs towards auditing more code, never less.
    /// </remarks>
    internal static class ThrowPaths
    {
        /// <summary>For each instruction index, true when it lies on a path that can only end in a throw.</summary>
        public static bool[] Find(List<IlInstruction> code, MethodBodyBlock body)
        {
            bool[] result = new bool[code.Count];
            if (code.Count == 0)
            {
                return result;
            }

            Dictionary<int, int> indexOfOffset = new Dictionary<int, int>();
            for (int i = 0; i < code.Count; i++)
            {
                indexOfOffset[code[i].Offset] = i;
            }

            SortedSet<int> leaders = new SortedSet<int> { 0 };
            foreach (ExceptionRegion region in body.ExceptionRegions)
            {
                AddLeader(leaders, indexOfOffset, region.TryOffset);
                AddLeader(leaders, indexOfOffset, region.TryOffset + region.TryLength);
                AddLeader(leaders, indexOfOffset, region.HandlerOffset);
                AddLeader(leaders, indexOfOffset, region.HandlerOffset + region.HandlerLength);
                if (region.Kind == ExceptionRegionKind.Filter)
                {
                    AddLeader(leaders, indexOfOffset, region.FilterOffset);
                }
            }

            for (int i = 0; i < code.Count; i++)
            {
                FlowControl flow = code[i].OpCode.FlowControl;
                if (flow == FlowControl.Branch || flow == FlowControl.Cond_Branch || flow == FlowControl.Return || flow == FlowControl.Throw)
                {
                    AddLeader(leaders, indexOfOffset, code[i].NextOffset);
                    foreach (int target in code[i].BranchTargets)
                    {
                        AddLeader(leaders, indexOfOffset, target);
                    }
                }
            }

            // blocks as [start, end) instruction index ranges
            List<int> starts = new List<int>(leaders);
            int blockCount = starts.Count;
            int[] blockOfIndex = new int[code.Count];
            for (int b = 0; b < blockCount; b++)
            {
                int end = b + 1 < blockCount ? starts[b + 1] : code.Count;
                for (int i = starts[b]; i < end; i++)
                {
                    blockOfIndex[i] = b;
                }
            }

            List<int>[] successors = new List<int>[blockCount];
            bool[] doomed = new bool[blockCount];
            for (int b = 0; b < blockCount; b++)
            {
                int last = (b + 1 < blockCount ? starts[b + 1] : code.Count) - 1;
                IlInstruction instruction = code[last];
                successors[b] = new List<int>();
                FlowControl flow = instruction.OpCode.FlowControl;
                if (flow == FlowControl.Throw)
                {
                    doomed[b] = !InsideCatchingTry(body, instruction.Offset);
                    continue;
                }

                if (flow == FlowControl.Return)
                {
                    continue;
                }

                foreach (int target in instruction.BranchTargets)
                {
                    successors[b].Add(blockOfIndex[indexOfOffset[target]]);
                }

                if (flow != FlowControl.Branch && last + 1 < code.Count)
                {
                    successors[b].Add(blockOfIndex[last + 1]);
                }
            }

            bool changed = true;
            while (changed)
            {
                changed = false;
                for (int b = 0; b < blockCount; b++)
                {
                    if (doomed[b] || successors[b].Count == 0)
                    {
                        continue;
                    }

                    bool all = true;
                    foreach (int s in successors[b])
                    {
                        all &= doomed[s];
                    }

                    if (all)
                    {
                        doomed[b] = true;
                        changed = true;
                    }
                }
            }

            for (int i = 0; i < code.Count; i++)
            {
                result[i] = doomed[blockOfIndex[i]];
            }

            return result;
        }

        private static void AddLeader(SortedSet<int> leaders, Dictionary<int, int> indexOfOffset, int offset)
        {
            if (indexOfOffset.TryGetValue(offset, out int index))
            {
                leaders.Add(index);
            }
        }

        private static bool InsideCatchingTry(MethodBodyBlock body, int offset)
        {
            foreach (ExceptionRegion region in body.ExceptionRegions)
            {
                bool catches = region.Kind == ExceptionRegionKind.Catch || region.Kind == ExceptionRegionKind.Filter;
                if (catches && offset >= region.TryOffset && offset < region.TryOffset + region.TryLength)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
