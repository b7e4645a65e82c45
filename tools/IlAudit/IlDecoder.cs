using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;

namespace HomeNode.IlAudit
{
    /// <summary>Splits a method body's IL into instructions (ECMA-335 §III.1.2, opcode encodings §III.1.9).</summary>
    internal static class IlDecoder
    {
        private static readonly OpCode?[] OneByte = new OpCode?[256];
        private static readonly OpCode?[] TwoByte = new OpCode?[256];

        static IlDecoder()
        {
            foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                OpCode op = (OpCode)field.GetValue(null);
                ushort value = unchecked((ushort)op.Value);
                if (op.Size == 1)
                {
                    OneByte[value] = op;
                }
                else if ((value >> 8) == 0xFE)
                {
                    TwoByte[value & 0xFF] = op;
                }
            }
        }

        public static List<IlInstruction> Decode(byte[] il)
        {
            List<IlInstruction> code = new List<IlInstruction>();
            int position = 0;
            while (position < il.Length)
            {
                int start = position;
                OpCode? found = il[position] == 0xFE && position + 1 < il.Length ? TwoByte[il[position + 1]] : OneByte[il[position]];
                if (found == null)
                {
                    throw new BadImageFormatException("unknown IL opcode 0x" + il[position].ToString("X2") + " at IL_" + start.ToString("X4"));
                }

                OpCode op = found.Value;
                position += op.Size;
                long operand = 0;
                int[] targets = Array.Empty<int>();
                switch (op.OperandType)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                        operand = unchecked((sbyte)il[position]);
                        position += 1;
                        targets = new[] { position + (int)operand };
                        break;
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        operand = il[position];
                        position += 1;
                        break;
                    case OperandType.InlineVar:
                        operand = BitConverter.ToUInt16(il, position);
                        position += 2;
                        break;
                    case OperandType.InlineBrTarget:
                        operand = BitConverter.ToInt32(il, position);
                        position += 4;
                        targets = new[] { position + (int)operand };
                        break;
                    case OperandType.InlineSwitch:
                    {
                        int count = BitConverter.ToInt32(il, position);
                        int end = position + 4 + (4 * count);
                        targets = new int[count];
                        for (int i = 0; i < count; i++)
                        {
                            targets[i] = end + BitConverter.ToInt32(il, position + 4 + (4 * i));
                        }

                        operand = count;
                        position = end;
                        break;
                    }

                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        operand = BitConverter.ToInt64(il, position);
                        position += 8;
                        break;
                    default:
                        // InlineI, ShortInlineR and the token operands (field, method, sig, string, tok, type)
                        operand = BitConverter.ToInt32(il, position);
                        position += 4;
                        break;
                }

                code.Add(new IlInstruction(start, position - start, op, operand, targets));
            }

            return code;
        }
    }
}
