using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace HomeNode.IlAudit
{
    /// <summary>How many values an instruction pops and pushes (ECMA-335 §III, the stack transition of each opcode).</summary>
    internal static class IlStackEffect
    {
        public static int Pops(IlMethodBody body, IlInstruction instruction)
        {
            OpCode op = instruction.OpCode;
            if (op.StackBehaviourPop != StackBehaviour.Varpop)
            {
                return Count(op.StackBehaviourPop.ToString(), "Pop0");
            }

            if (op.Value == OpCodes.Ret.Value)
            {
                return body.Signature.ReturnType == "System.Void" ? 0 : 1;
            }

            MethodSignature<string> callee = CalleeSignature(body.Reader, instruction);
            int pops = callee.ParameterTypes.Length;
            if (op.Value == OpCodes.Newobj.Value)
            {
                return pops;
            }

            if (callee.Header.IsInstance)
            {
                pops++;
            }

            // calli also pops the function pointer
            return op.Value == OpCodes.Calli.Value ? pops + 1 : pops;
        }

        public static int Pushes(IlMethodBody body, IlInstruction instruction)
        {
            OpCode op = instruction.OpCode;
            if (op.StackBehaviourPush != StackBehaviour.Varpush)
            {
                return Count(op.StackBehaviourPush.ToString(), "Push0");
            }

            return CalleeSignature(body.Reader, instruction).ReturnType == "System.Void" ? 0 : 1;
        }

        /// <summary>The signature of the method a call, callvirt, newobj, calli, ldftn or jmp names.</summary>
        public static MethodSignature<string> CalleeSignature(MetadataReader reader, IlInstruction instruction)
        {
            EntityHandle token = MetadataTokens.EntityHandle(instruction.Token);
            SignatureNameProvider provider = new SignatureNameProvider();
            switch (token.Kind)
            {
                case HandleKind.MethodDefinition:
                    return reader.GetMethodDefinition((MethodDefinitionHandle)token).DecodeSignature(provider, null);
                case HandleKind.MemberReference:
                    return reader.GetMemberReference((MemberReferenceHandle)token).DecodeMethodSignature(provider, null);
                case HandleKind.MethodSpecification:
                    EntityHandle method = reader.GetMethodSpecification((MethodSpecificationHandle)token).Method;
                    return method.Kind == HandleKind.MethodDefinition
                        ? reader.GetMethodDefinition((MethodDefinitionHandle)method).DecodeSignature(provider, null)
                        : reader.GetMemberReference((MemberReferenceHandle)method).DecodeMethodSignature(provider, null);
                default:
                    return reader.GetStandaloneSignature((StandaloneSignatureHandle)token).DecodeMethodSignature(provider, null);
            }
        }

        /// <summary>StackBehaviour names list one part per value (Popref_popi_pop1 pops three).</summary>
        private static int Count(string behaviour, string none)
        {
            return behaviour == none ? 0 : behaviour.Split('_').Length;
        }
    }
}
