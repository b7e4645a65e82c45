using System.Reflection.Emit;

namespace HomeNode.IlAudit
{
    /// <summary>One decoded IL instruction; <see cref="Operand"/> holds the token, constant or branch displacement.</summary>
    internal readonly struct IlInstruction
    {
        public IlInstruction(int offset, int size, OpCode opCode, long operand, int[] branchTargets)
        {
            Offset = offset;
            Size = size;
            OpCode = opCode;
            Operand = operand;
            BranchTargets = branchTargets;
        }

        public int Offset { get; }

        public int Size { get; }

        public int NextOffset => Offset + Size;

        public OpCode OpCode { get; }

        public long Operand { get; }

        public int Token => (int)Operand;

        /// <summary>Absolute offsets a branch or switch may jump to; empty for other instructions.</summary>
        public int[] BranchTargets { get; }
    }
}
