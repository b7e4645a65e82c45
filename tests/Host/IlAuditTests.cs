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
    /// The static allocation proof and device-compatibility check over the real nano builds, and proof on
    /// tests/AuditSamples that each kind of violation is caught at the right method and instruction.
    /// </summary>
    public class IlAuditTests
    {
        private const string Allocating = "HomeNode.AuditSamples.AllocatingSamples";
        private const string SamplesAssembly = "HomeNode.AuditSamples";

        private static readonly Lazy<AllocationReport> SamplesAllocations = new Lazy<AllocationReport>(() =>
        {
            using (AuditScope scope = OpenSamples())
            {
                return AllocationAudit.Run(scope);
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
                Assert.Equal(3, report.Assemblies);
                Assert.True(report.CheckedReferences > 0, "no mscorlib reference was checked");
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

            // nothing beyond the one (two for the closure) findings per allocating sample
            Assert.Equal(14, report.Findings.Count(f => f.EntryPoint.StartsWith("HomeNode.AuditSamples.", StringComparison.Ordinal)));
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
            using (LoadedAssembly assembly = LoadedAssembly.Read(NanoBuildOutputs.Assembly("tests/AuditSamples", SamplesAssembly)))
            {
                MetadataReader reader = assembly.Reader;
                int separator = finding.Method.IndexOf("::", StringComparison.Ordinal);
                string typeName = finding.Method.Substring(0, separator);
                string methodName = finding.Method.Substring(separator + 2);
                Assert.True(assembly.TryFindType(typeName, out TypeDefinitionHandle type), typeName);
                MethodDefinitionHandle method = reader.GetTypeDefinition(type).GetMethods().Single(m => reader.GetString(reader.GetMethodDefinition(m).Name) == methodName);
                byte[] il = assembly.GetMethodBody(method).GetILBytes();
                return (ILOpCode)il[finding.Offset];
            }
        }
    }
}
