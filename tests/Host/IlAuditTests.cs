using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using HomeNode.IlAudit;
using Xunit;
using Xunit.Abstractions;

namespace HomeNode.Tests.Host
{
    /// <summary>
    /// The static allocation proof, device-compatibility check and runtime-trap audit over the real nano builds, and
    /// proof on tests/AuditSamples that each kind of violation is caught at the right method and instruction.
    /// </summary>
    public class IlAuditTests
    {
        private const string Allocating = "HomeNode.AuditSamples.AllocatingSamples";
        private const string SamplesAssembly = "HomeNode.AuditSamples";
        private const string Traps = "HomeNode.AuditSamples.TrapSamples";
        private const string EnumToStringTrap = "Enum.ToString returns the number on nanoCLR";
        private const string GetParametersTrap = "MethodBase.GetParameters crashes nanoCLR once a GC has run after the GetMethods";
        private const string NaNGuardTrap = "NaN guard lets NaN through on nanoCLR";

        private static readonly Lazy<AllocationReport> SamplesAllocations = new Lazy<AllocationReport>(() =>
        {
            using (AuditScope scope = OpenSamples())
            {
                return AllocationAudit.Run(scope);
            }
        });

        private static readonly Lazy<RuntimeTrapReport> SamplesTraps = new Lazy<RuntimeTrapReport>(() =>
        {
            using (AuditScope scope = OpenSamples())
            {
                return RuntimeTrapAudit.Run(scope);
            }
        });

        private readonly ITestOutputHelper output;

        public IlAuditTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void FirmwareSteadyStateDoesNotAllocate()
        {
            using (AuditScope scope = AuditScope.Open(NanoBuildOutputs.Firmware(), NanoBuildOutputs.CoreLibrary))
            {
                AllocationReport report = AllocationAudit.Run(scope);
                output.WriteLine(report.ToString());
                foreach (string entry in report.EntryPoints)
                {
                    output.WriteLine("  [SteadyState] " + entry);
                }

                Assert.True(report.Passed, report.ToString());

                // the client's Publish/Poll and the app's steady state are marked; none found means the attribute moved
                Assert.NotEmpty(report.EntryPoints);
                Assert.True(report.ReachableMethods >= report.EntryPoints.Count, report.ToString());

                // the request/response helpers are an assembly of their own: their steady state is audited with the rest
                foreach (string method in new[] { "MqttRequester::Request", "MqttRequester::TryMatch", "MqttRequester::TakeExpired", "MqttResponder::Respond" })
                {
                    Assert.Contains("HomeNode.Mqtt.Requests!HomeNode.Mqtt.Requests." + method, report.EntryPoints);
                }
            }
        }

        [Fact]
        public void FirmwareRunsOnTheDeviceCoreLibrary()
        {
            using (AuditScope scope = AuditScope.Open(NanoBuildOutputs.Firmware(), NanoBuildOutputs.CoreLibrary))
            {
                CompatibilityReport report = CompatibilityAudit.Run(scope);
                output.WriteLine(report.ToString());
                Assert.True(report.Passed, report.ToString());
                Assert.Equal(5, report.Assemblies); // HomeNode.Mqtt, HomeNode.Mqtt.WebSockets, HomeNode.Mqtt.Requests, HomeNode.App, HomeNode.Drivers
                Assert.True(report.CheckedReferences > 0, "no mscorlib reference was checked");
            }
        }

        /// <summary>
        /// Mqtt, App and Drivers: what goes on the device. tests/Portable is not audited here: its runner calls
        /// GetParameters on purpose, right after GetMethods.
        /// </summary>
        [Fact]
        public void FirmwareAvoidsTheRuntimeTraps()
        {
            using (AuditScope scope = AuditScope.Open(NanoBuildOutputs.Firmware(), NanoBuildOutputs.CoreLibrary))
            {
                RuntimeTrapReport report = RuntimeTrapAudit.Run(scope);
                output.WriteLine(report.ToString());
                Assert.True(report.Passed, report.ToString());
                Assert.True(report.Methods > 100, report.ToString());
            }
        }

        [Fact]
        public void FootprintCountsMethodBodies()
        {
            foreach (string path in NanoBuildOutputs.Firmware())
            {
                AssemblyFootprint footprint = AssemblyFootprint.Measure(path);
                output.WriteLine(footprint.ToString());
                Assert.Equal(new FileInfo(path).Length, footprint.FileBytes);
            }

            // SampleRecord's implicit constructor is ldarg.0; call Object::.ctor; ret: 7 bytes behind a 1-byte tiny header (ECMA-335 §II.25.4.2)
            AssemblyFootprint samples = AssemblyFootprint.Measure(NanoBuildOutputs.Assembly("tests/AuditSamples", SamplesAssembly));
            output.WriteLine(samples.ToString());
            Assert.Equal(SamplesAssembly, samples.Name);
            Assert.True(samples.MethodBodies >= 20, samples.ToString());
            Assert.True(samples.IlBytes > 7 * samples.MethodBodies / 2, samples.ToString());
            Assert.True(samples.MethodBodyBytes >= samples.IlBytes + samples.MethodBodies, samples.ToString());
        }

        [Fact]
        public void FindsEverySteadyStateEntryPoint()
        {
            AllocationReport report = SamplesAllocations.Value;
            output.WriteLine(report.ToString());
            string[] expected =
            {
                "AllocatingSamples::Box", "AllocatingSamples::BoxByConstrainedCall", "AllocatingSamples::CaughtThrow", "AllocatingSamples::Closure",
                "AllocatingSamples::Concatenate", "AllocatingSamples::Foreach", "AllocatingSamples::InvokeStoredCallback", "AllocatingSamples::Lambda", "AllocatingSamples::NewArray",
                "AllocatingSamples::NewObject", "AllocatingSamples::TwoCallsDeep", "AllocatingSamples::ViaInterface", "AllocatingSamples::ViaOverride",
                "CleanSamples::Window", "CleanSamples::WriteDecimal",
                "WorkaroundSamples::ThroughAPrivateLeaf", "WorkaroundSamples::ThroughAVisibleWorkaround", "WorkaroundSamples::ThroughAWorkaroundThatCallsOurCode",
            };
            // HomeNode.Mqtt is in the scope too (the samples reference it) and has entry points of its own
            Assert.Equal(
                expected.Select(e => SamplesAssembly + "!HomeNode.AuditSamples." + e),
                report.EntryPoints.Where(e => e.StartsWith(SamplesAssembly + "!", StringComparison.Ordinal)).OrderBy(e => e, StringComparer.Ordinal));
        }

        [Fact]
        public void ReportsNewObjectOfAClass()
        {
            AssertSingle("NewObject", Allocating + "::NewObject", "newobj HomeNode.AuditSamples.SampleRecord", ILOpCode.Newobj);
        }

        [Fact]
        public void ReportsNewArray()
        {
            AssertSingle("NewArray", Allocating + "::NewArray", "newarr System.Byte", ILOpCode.Newarr);
        }

        [Fact]
        public void ReportsBox()
        {
            AssertSingle("Box", Allocating + "::Box", "box System.Int32", ILOpCode.Box);
        }

        [Fact]
        public void ReportsStringConcatenation()
        {
            AssertSingle("Concatenate", Allocating + "::Concatenate", "call System.String::Concat (builds a new string)", ILOpCode.Call);
        }

        [Fact]
        public void ReportsDelegateCreation()
        {
            AllocationFinding finding = AssertSingle("Lambda", Allocating + "::Lambda", "newobj delegate HomeNode.AuditSamples.SampleCallback (ldftn " + Allocating + "::<Lambda>", ILOpCode.Newobj);
            Assert.EndsWith(")", finding.Instruction);
        }

        [Fact]
        public void ReportsClosureAndItsDelegate()
        {
            AllocationFinding[] findings = FromEntry("Closure");
            Assert.Equal(2, findings.Length);
            Assert.All(findings, f => Assert.Equal(Allocating + "::Closure", f.Method));
            Assert.StartsWith("newobj " + Allocating + "/<>c__DisplayClass", findings[0].Instruction);
            Assert.StartsWith("newobj delegate HomeNode.AuditSamples.SampleCallback (ldftn " + Allocating + "/<>c__DisplayClass", findings[1].Instruction);
            Assert.All(findings, f => Assert.Equal(ILOpCode.Newobj, OpCodeAt(f)));
        }

        [Fact]
        public void ReportsAllocationTwoCallsDeep()
        {
            AllocationFinding finding = AssertSingle("TwoCallsDeep", Allocating + "::Deepest", "newarr System.Byte", ILOpCode.Newarr);
            Assert.Equal(new[] { Allocating + "::Middle" }, finding.Path);
            Assert.EndsWith("(reached from " + Allocating + "::TwoCallsDeep via " + Allocating + "::Middle)", finding.ToString());
        }

        [Fact]
        public void ReportsAllocationBehindAnInterface()
        {
            AllocationFinding finding = AssertSingle("ViaInterface", "HomeNode.AuditSamples.AllocatingSink::Accept", "newarr System.Byte", ILOpCode.Newarr);
            Assert.Empty(finding.Path);
        }

        [Fact]
        public void ReportsAllocationInAnOverride()
        {
            AssertSingle("ViaOverride", "HomeNode.AuditSamples.AllocatingFormatter::Format", "newarr System.Char", ILOpCode.Newarr);
        }

        [Fact]
        public void ReportsBoxingConstrainedCall()
        {
            AssertSingle("BoxByConstrainedCall", Allocating + "::BoxByConstrainedCall", "box by constrained. HomeNode.AuditSamples.SampleMode callvirt System.Object::GetHashCode", ILOpCode.Callvirt);
        }

        [Fact]
        public void ReportsThrowThatIsCaught()
        {
            AssertSingle("CaughtThrow", Allocating + "::CaughtThrow", "newobj System.Exception", ILOpCode.Newobj);
        }

        [Fact]
        public void ReportsForeachOverArrayList()
        {
            AssertSingle("Foreach", Allocating + "::Foreach", "callvirt System.Collections.ArrayList::GetEnumerator (creates an enumerator", ILOpCode.Callvirt);
        }

        [Fact]
        public void ReportsAllocationBehindADelegateBuiltAtStartUp()
        {
            AllocationFinding finding = AssertSingle("InvokeStoredCallback", Allocating + "::AllocateOnCallback", "newobj HomeNode.AuditSamples.SampleRecord", ILOpCode.Newobj);
            Assert.Empty(finding.Path);
        }

        [Fact]
        public void CleanCodeAndThrowPathsPass()
        {
            AllocationReport report = SamplesAllocations.Value;
            Assert.DoesNotContain(report.Findings, f => f.EntryPoint.StartsWith("HomeNode.AuditSamples.CleanSamples::", StringComparison.Ordinal));
            Assert.DoesNotContain(report.Findings, f => f.Method.StartsWith("HomeNode.AuditSamples.Counter::", StringComparison.Ordinal));

            // nothing beyond the one (two for the closure) findings per allocating sample and workaround misuse
            Assert.Equal(16, report.Findings.Count(f => f.EntryPoint.StartsWith("HomeNode.AuditSamples.", StringComparison.Ordinal)));
        }

        [Fact]
        public void APrivateLeafNanoClrWorkaroundMayAllocate()
        {
            Assert.Empty(FromSampleEntry("WorkaroundSamples::ThroughAPrivateLeaf"));
        }

        [Fact]
        public void AWorkaroundThatIsNotPrivateOrCallsOurCodeIsReported()
        {
            AllocationFinding visible = FromSampleEntry("WorkaroundSamples::ThroughAVisibleWorkaround").Single();
            Assert.Equal("HomeNode.AuditSamples.WorkaroundSamples::VisibleLowHalf", visible.Method);
            Assert.Equal("[NanoClrWorkaround] method is not private", visible.Instruction);

            AllocationFinding callsOurs = FromSampleEntry("WorkaroundSamples::ThroughAWorkaroundThatCallsOurCode").Single();
            Assert.Equal("HomeNode.AuditSamples.WorkaroundSamples::LowHalfViaOurCode", callsOurs.Method);
            Assert.Equal("[NanoClrWorkaround] method calls a HomeNode method", callsOurs.Instruction);
        }

        [Fact]
        public void FindingNamesAssemblyMethodOffsetAndEntryPoint()
        {
            AllocationFinding finding = FromEntry("NewArray").Single();
            Assert.Equal(SamplesAssembly + "!" + Allocating + "::NewArray IL_" + finding.Offset.ToString("X4") + ": newarr System.Byte (reached from " + Allocating + "::NewArray)", finding.ToString());
        }

        [Fact]
        public void ReportsGenericTypeDefinition()
        {
            using (AuditScope scope = OpenSamples())
            {
                CompatibilityReport report = CompatibilityAudit.Run(scope);
                output.WriteLine(report.ToString());
                Assert.Contains(report.Findings, f => f.Assembly == SamplesAssembly && f.Place == "HomeNode.AuditSamples.SampleBox`1" && f.Problem.StartsWith("generic type definition", StringComparison.Ordinal));

                Assert.Contains(report.Findings, f => f.Place.StartsWith("HomeNode.AuditSamples.SampleBox`1::Take IL_", StringComparison.Ordinal) && f.Problem == "generic instantiation HomeNode.AuditSamples.SampleBox`1<!0>");

                // the rest of the samples is plain device code; the generic type's own member references are generic instantiations
                Assert.All(report.Findings, f => Assert.Contains("SampleBox`1", f.Place + " " + f.Problem));
            }
        }

        [Fact]
        public void ReportsReferencesTheDeviceDoesNotHave()
        {
            string path = Path.Combine(Path.GetTempPath(), "HomeNode.IlAuditTests." + Environment.ProcessId + ".HandBuilt.dll");
            HandBuiltAssembly.Write(path);
            try
            {
                using (AuditScope scope = AuditScope.Open(new[] { path }, NanoBuildOutputs.CoreLibrary))
                {
                    CompatibilityReport report = CompatibilityAudit.Run(scope);
                    output.WriteLine(report.ToString());
                    string[] lines = report.Findings.Select(f => f.ToString()).ToArray();
                    Assert.Contains(HandBuiltAssembly.Name + "!AssemblyRef System.Runtime 10.0.0.0: only mscorlib 1.17.11.0 and HomeNode assemblies may be referenced", lines);
                    Assert.Contains(HandBuiltAssembly.Name + "!AssemblyRef mscorlib 4.0.0.0: only mscorlib 1.17.11.0 and HomeNode assemblies may be referenced", lines);
                    Assert.Contains(HandBuiltAssembly.Name + "!HomeNode.HandBuilt.Probe::Run IL_0000: type System.Collections.Generic.List`1 does not exist in mscorlib 1.17.11.0", lines);
                    Assert.Contains(HandBuiltAssembly.Name + "!HomeNode.HandBuilt.Probe::Run IL_0005: member System.String::PadLeft instance System.String(System.Int32) does not exist in mscorlib 1.17.11.0", lines);
                    Assert.Equal(4, lines.Length);
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Theory]
        [InlineData("EnumToString", "constrained. HomeNode.AuditSamples.SampleMode callvirt System.Object::ToString")]
        [InlineData("EnumConcatenation", "constrained. HomeNode.AuditSamples.SampleMode callvirt System.Object::ToString")]
        [InlineData("BoxedEnumToString", "box HomeNode.AuditSamples.SampleMode at IL_0001 reaches callvirt System.Object::ToString")]
        [InlineData("EnumInConcatOfObjects", "box HomeNode.AuditSamples.SampleMode at IL_")]
        [InlineData("EnumInFormat", "box HomeNode.AuditSamples.SampleMode at IL_")]
        [InlineData("EnumValueToString", "argument value of type System.Enum reaches callvirt System.Object::ToString")]
        public void ReportsEnumToString(string method, string detailStart)
        {
            RuntimeTrapFinding finding = AssertSingleTrap(method, RuntimeTrap.EnumToString, EnumToStringTrap, detailStart);
            Assert.Contains(OpCodeAt(Traps + "::" + method, finding.Offset), new[] { ILOpCode.Call, ILOpCode.Callvirt });
        }

        [Fact]
        public void ReportsEnumPassedToConcatAndFormat()
        {
            Assert.EndsWith("reaches call System.String::Concat", FindingsIn(Traps + "::EnumInConcatOfObjects").Single().Detail);
            Assert.EndsWith("reaches call System.String::Format", FindingsIn(Traps + "::EnumInFormat").Single().Detail);
        }

        [Fact]
        public void ReportsGetParameters()
        {
            RuntimeTrapFinding finding = AssertSingleTrap("ParameterCount", RuntimeTrap.GetParameters, GetParametersTrap, "callvirt System.Reflection.MethodBase::GetParameters");
            Assert.Equal(ILOpCode.Callvirt, OpCodeAt(Traps + "::ParameterCount", finding.Offset));
        }

        /// <summary>Each sample guards with a comparison whose answer for NaN flips on nanoCLR; the finding is at that branch.</summary>
        [Theory]
        [InlineData("RejectNegative", "bge.s with argument value NaN", ILOpCode.Bge_s)]
        [InlineData("RejectNotPositive", "bgt.s with argument value NaN", ILOpCode.Bgt_s)]
        [InlineData("RejectNegativeLimit", "bge.s with field Limit NaN", ILOpCode.Bge_s)]
        [InlineData("RejectAmongOthers", "blt.un.s with argument step NaN", ILOpCode.Blt_un_s)]
        public void ReportsNaNGuardsThatNanoClrLetsThrough(string method, string detailStart, ILOpCode opCode)
        {
            RuntimeTrapFinding finding = AssertSingleTrap(method, RuntimeTrap.NaNGuard, NaNGuardTrap, detailStart);
            Assert.EndsWith(".NET throws, nanoCLR goes on and returns", finding.Detail);
            Assert.Contains("double.IsNaN", finding.Problem);
            Assert.Equal(opCode, OpCodeAt(Traps + "::" + method, finding.Offset));
        }

        [Fact]
        public void TrapFreeCodePasses()
        {
            RuntimeTrapReport report = SamplesTraps.Value;
            output.WriteLine(report.ToString());
            Assert.DoesNotContain(report.Findings, f => f.Method.StartsWith("HomeNode.AuditSamples.TrapFreeSamples::", StringComparison.Ordinal));

            // every TrapSamples method once, nothing else in the samples or in HomeNode.Mqtt
            string[] expected =
            {
                "BoxedEnumToString", "EnumConcatenation", "EnumInConcatOfObjects", "EnumInFormat", "EnumToString", "EnumValueToString",
                "ParameterCount", "RejectAmongOthers", "RejectNegative", "RejectNegativeLimit", "RejectNotPositive",
            };
            Assert.Equal(expected.Select(m => Traps + "::" + m), report.Findings.Select(f => f.Method).OrderBy(m => m, StringComparer.Ordinal));
        }

        [Fact]
        public void TrapFindingNamesAssemblyMethodOffsetAndTrap()
        {
            RuntimeTrapFinding finding = FindingsIn(Traps + "::RejectNegative").Single();
            Assert.Equal(
                SamplesAssembly + "!" + Traps + "::RejectNegative IL_" + finding.Offset.ToString("X4") + ": " + RuntimeTrapAudit.Describe(RuntimeTrap.NaNGuard) + " (" + finding.Detail + ")",
                finding.ToString());
            Assert.StartsWith(NaNGuardTrap, finding.ToString().Substring(finding.ToString().IndexOf(": ", StringComparison.Ordinal) + 2));
        }

        private static RuntimeTrapFinding[] FindingsIn(string method)
        {
            return SamplesTraps.Value.Findings.Where(f => f.Method == method).ToArray();
        }

        private static RuntimeTrapFinding AssertSingleTrap(string method, RuntimeTrap trap, string trapText, string detailStart)
        {
            RuntimeTrapFinding finding = Assert.Single(FindingsIn(Traps + "::" + method));
            Assert.Equal(SamplesAssembly, finding.Assembly);
            Assert.Equal(trap, finding.Trap);
            Assert.StartsWith(detailStart, finding.Detail);
            Assert.Contains(Traps + "::" + method + " IL_", finding.ToString());
            Assert.Contains(trapText, finding.ToString());
            return finding;
        }

        private static AuditScope OpenSamples()
        {
            return AuditScope.Open(
                new[] { NanoBuildOutputs.Assembly("tests/AuditSamples", SamplesAssembly), NanoBuildOutputs.Assembly("firmware/Mqtt", "HomeNode.Mqtt") },
                NanoBuildOutputs.CoreLibrary);
        }

        private static AllocationFinding[] FromEntry(string entryMethod)
        {
            return SamplesAllocations.Value.Findings.Where(f => f.EntryPoint == Allocating + "::" + entryMethod).OrderBy(f => f.Offset).ToArray();
        }

        private static AllocationFinding[] FromSampleEntry(string typeAndMethod)
        {
            return SamplesAllocations.Value.Findings.Where(f => f.EntryPoint == "HomeNode.AuditSamples." + typeAndMethod).ToArray();
        }

        private static AllocationFinding AssertSingle(string entryMethod, string method, string instructionStart, ILOpCode opCode)
        {
            AllocationFinding finding = Assert.Single(FromEntry(entryMethod));
            Assert.Equal(SamplesAssembly, finding.Assembly);
            Assert.Equal(method, finding.Method);
            Assert.StartsWith(instructionStart, finding.Instruction);
            Assert.Equal(opCode, OpCodeAt(finding));
            return finding;
        }

        /// <summary>The opcode byte at the finding's offset, read independently of the auditor.</summary>
        private static ILOpCode OpCodeAt(AllocationFinding finding)
        {
            return OpCodeAt(finding.Method, finding.Offset);
        }

        /// <summary>The opcode at an offset of a samples method (Namespace.Type::Method), read independently of the auditor.</summary>
        private static ILOpCode OpCodeAt(string method, int offset)
        {
            using (LoadedAssembly assembly = LoadedAssembly.Read(NanoBuildOutputs.Assembly("tests/AuditSamples", SamplesAssembly)))
            {
                MetadataReader reader = assembly.Reader;
                int separator = method.IndexOf("::", StringComparison.Ordinal);
                string typeName = method.Substring(0, separator);
                string methodName = method.Substring(separator + 2);
                Assert.True(assembly.TryFindType(typeName, out TypeDefinitionHandle type), typeName);
                MethodDefinitionHandle handle = reader.GetTypeDefinition(type).GetMethods().Single(m => reader.GetString(reader.GetMethodDefinition(m).Name) == methodName);
                byte[] il = assembly.GetMethodBody(handle).GetILBytes();
                return (ILOpCode)il[offset];
            }
        }
    }
}
