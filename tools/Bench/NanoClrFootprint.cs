using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace HomeNode.Bench
{
    /// <summary>
    /// Footprint on the device runtime: the RAM, ROM and METADATA bytes nanoCLR prints as it loads our assemblies, the
    /// linked firmware assembly (firmware/Device: our sources and the device glue compiled into one) and the peer,
    /// nanoFramework.M2Mqtt 5.1 with M2Mqtt.Core, all built by the same toolchain: the one
    /// ../shared/nftool/rebuild.sh makes, named by NFTOOL (CI has none; then the bench says why it skipped this).
    /// Each set is loaded with the assemblies it references, read from the metadata, on the 32-bit nanoCLR (RAM as on
    /// ESP32 and STM32) and on the 64-bit one.
    /// </summary>
    public sealed class NanoClrFootprint
    {
        public const string PeerAssembly = "nanoFramework.M2Mqtt";
        public const string PeerCoreAssembly = "nanoFramework.M2Mqtt.Core";
        public const string DeviceAssembly = "HomeNode.Device";

        private static readonly TimeSpan RuntimeTimeout = TimeSpan.FromMinutes(2);
        private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

        private readonly string nftool;
        private readonly string work;
        private readonly Dictionary<string, string[]> built = new Dictionary<string, string[]>(StringComparer.Ordinal);

        private NanoClrFootprint(string nftool, string work)
        {
            this.nftool = nftool;
            this.work = work;
        }

        public List<NanoClrFootprintEntry> Entries { get; } = new List<NanoClrFootprintEntry>();

        /// <summary>What was not measured and why (an assembly that did not build, no 32-bit nanoCLR).</summary>
        public List<string> Notes { get; } = new List<string>();

        /// <summary>Why nothing was measured; null when it was.</summary>
        public string SkippedBecause { get; private set; }

        public static NanoClrFootprint Skipped(string reason)
        {
            return new NanoClrFootprint(null, null) { SkippedBecause = reason };
        }

        /// <param name="nftool">The toolchain folder (NFTOOL), or null.</param>
        /// <param name="ourAssemblies">Our nano assemblies (.dll) to measure.</param>
        /// <param name="deviceProject">firmware/Device/HomeNode.Device.nfproj, turned into an SDK project against the toolchain's libraries and built; null to leave it out.</param>
        public static NanoClrFootprint Measure(string nftool, IReadOnlyList<string> ourAssemblies, string deviceProject)
        {
            if (string.IsNullOrEmpty(nftool))
            {
                return Skipped("NFTOOL is not set; it names the nanoFramework toolchain that ../shared/nftool/rebuild.sh builds");
            }

            foreach (string needed in new[] { "bin/nanoclr", "bin/nanope", "pe/mscorlib.pe", "ref/" + PeerAssembly + ".dll", "pe/" + PeerAssembly + ".pe" })
            {
                if (!File.Exists(Path.Combine(nftool, needed)))
                {
                    return Skipped("NFTOOL=" + nftool + " has no " + needed);
                }
            }

            if (ourAssemblies.Count == 0)
            {
                return Skipped("the nano assemblies are not built (dotnet build HomeNode.slnx -c Release)");
            }

            string work = Path.Combine(Path.GetTempPath(), "homenode-nanoclr-footprint-" + Environment.ProcessId);
            NanoClrFootprint footprint = new NanoClrFootprint(nftool, work);
            try
            {
                Directory.CreateDirectory(work);
                footprint.Run(ourAssemblies, deviceProject);
            }
            catch (Exception e) when (e is InvalidOperationException || e is IOException || e is BadImageFormatException || e is System.ComponentModel.Win32Exception)
            {
                return Skipped(e.Message);
            }
            finally
            {
                try
                {
                    Directory.Delete(work, recursive: true);
                }
                catch (IOException)
                {
                }
            }

            return footprint;
        }

        private void Run(IReadOnlyList<string> ourAssemblies, string deviceProject)
        {
            List<string> ours = new List<string>();
            foreach (string dll in ourAssemblies)
            {
                ours.Add(this.MakePe(dll));
            }

            string device = deviceProject == null ? null : this.BuildDevice(deviceProject);

            List<KeyValuePair<string, string>> runtimes = new List<KeyValuePair<string, string>>();
            if (File.Exists(Path.Combine(this.nftool, "bin/nanoclr32")))
            {
                runtimes.Add(new KeyValuePair<string, string>("32-bit", Path.Combine(this.nftool, "bin/nanoclr32")));
            }
            else
            {
                this.Notes.Add("RAM on 32-bit: not measured, the toolchain has no bin/nanoclr32 (NANOCLR32=1 rebuild.sh with g++-multilib builds one)");
            }

            runtimes.Add(new KeyValuePair<string, string>("64-bit", Path.Combine(this.nftool, "bin/nanoclr")));

            // One load of the libraries (no entry point: nanoCLR loads, links and exits), one of the firmware (its Main
            // would start; the run is ended once loading is done).
            List<string[]> sets = new List<string[]> { ours.Concat(new[] { PeerAssembly }).ToArray() };
            if (device != null)
            {
                sets.Add(new[] { device });
            }

            Dictionary<string, NanoClrLoadLine>[] loaded = new Dictionary<string, NanoClrLoadLine>[runtimes.Count];
            for (int r = 0; r < runtimes.Count; r++)
            {
                loaded[r] = new Dictionary<string, NanoClrLoadLine>(StringComparer.Ordinal);
                foreach (string[] set in sets)
                {
                    foreach (NanoClrLoadLine line in this.Load(runtimes[r].Key, runtimes[r].Value, set))
                    {
                        loaded[r][line.Assembly] = line;
                    }
                }
            }

            List<KeyValuePair<string, string>> wanted = ours.Select(a => new KeyValuePair<string, string>(a, "ours")).ToList();
            if (device != null)
            {
                wanted.Add(new KeyValuePair<string, string>(device, "ours, linked"));
            }

            wanted.Add(new KeyValuePair<string, string>(PeerAssembly, "peer"));
            wanted.Add(new KeyValuePair<string, string>(PeerCoreAssembly, "peer"));
            foreach (KeyValuePair<string, string> assembly in wanted)
            {
                NanoClrFootprintEntry entry = new NanoClrFootprintEntry { Assembly = assembly.Key, Role = assembly.Value };
                for (int r = 0; r < runtimes.Count; r++)
                {
                    NanoClrLoadLine line;
                    if (!loaded[r].TryGetValue(assembly.Key, out line))
                    {
                        throw new InvalidOperationException("nanoCLR " + runtimes[r].Key + " printed no load line for " + assembly.Key);
                    }

                    if (entry.Version != null && (entry.RomBytes != line.RomBytes || entry.MetadataBytes != line.MetadataBytes))
                    {
                        this.Notes.Add(assembly.Key + ": ROM or METADATA differ between the 32-bit and 64-bit nanoCLR (" + entry.RomBytes + "/" + entry.MetadataBytes + " and " + line.RomBytes + "/" + line.MetadataBytes + ")");
                    }

                    entry.Version = line.Version;
                    entry.RomBytes = line.RomBytes;
                    entry.MetadataBytes = line.MetadataBytes;
                    if (runtimes[r].Key == "32-bit")
                    {
                        entry.Ram32Bytes = line.RamBytes;
                    }
                    else
                    {
                        entry.Ram64Bytes = line.RamBytes;
                    }
                }

                entry.References = this.References(assembly.Key).Where(n => n != "mscorlib").ToList();
                this.Entries.Add(entry);
            }
        }

        /// <summary>Loads the assemblies and what they reference on one nanoCLR; returns its load lines.</summary>
        private List<NanoClrLoadLine> Load(string label, string runtime, string[] assemblies)
        {
            List<string> order = new List<string>();
            HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string assembly in assemblies)
            {
                this.AddWithReferences(assembly, order, seen);
            }

            // Loading and linking end with "Ready."; after that the runtime runs the entry point, if there is one.
            ToolRun run = ToolRun.Start(runtime, order.Select(this.PeFile), RuntimeTimeout, line => line == "Ready.");
            List<string> unresolved = run.Lines.Where(l => l.Contains("needs assembly", StringComparison.Ordinal)).ToList();
            if (unresolved.Count > 0)
            {
                throw new InvalidOperationException("nanoCLR " + label + " could not link " + string.Join(", ", assemblies) + ": " + string.Join("; ", unresolved.Select(l => l.Trim())));
            }

            List<NanoClrLoadLine> lines = run.Lines.Select(NanoClrLoadLine.Parse).Where(l => l != null).ToList();
            if (lines.Count < order.Count || run.TimedOut)
            {
                throw new InvalidOperationException("nanoCLR " + label + " did not load " + string.Join(", ", order) + (run.TimedOut ? " (timed out)" : string.Empty) + ": " + run.Tail(10));
            }

            return lines;
        }

        private void AddWithReferences(string assembly, List<string> order, HashSet<string> seen)
        {
            if (!seen.Add(assembly))
            {
                return;
            }

            foreach (string reference in this.References(assembly))
            {
                this.AddWithReferences(reference, order, seen);
            }

            order.Add(assembly);
        }

        private List<string> References(string assembly)
        {
            string dll = this.DllFile(assembly);
            using (FileStream stream = File.OpenRead(dll))
            using (PEReader pe = new PEReader(stream))
            {
                MetadataReader reader = pe.GetMetadataReader();
                return reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
            }
        }

        private string DllFile(string assembly)
        {
            string[] files;
            if (this.built.TryGetValue(assembly, out files))
            {
                return files[0];
            }

            string dll = Path.Combine(this.nftool, "ref", assembly + ".dll");
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException(assembly + " is referenced but not in " + Path.Combine(this.nftool, "ref"));
            }

            return dll;
        }

        private string PeFile(string assembly)
        {
            string[] files;
            if (this.built.TryGetValue(assembly, out files))
            {
                return files[1];
            }

            string pe = Path.Combine(this.nftool, "pe", assembly + ".pe");
            if (!File.Exists(pe))
            {
                throw new InvalidOperationException(assembly + " is referenced but has no .pe in " + Path.Combine(this.nftool, "pe"));
            }

            return pe;
        }

        /// <summary>The metadata processor: .dll to .pe (where a string table over 64 KB would fail).</summary>
        private string MakePe(string dll)
        {
            string name = Path.GetFileNameWithoutExtension(dll);
            string pe = Path.Combine(this.work, name + ".pe");
            ToolRun run = ToolRun.Start(Path.Combine(this.nftool, "bin/nanope"), new[] { pe, dll, Path.GetDirectoryName(dll), Path.Combine(this.nftool, "ref") }, BuildTimeout, null);
            if (run.ExitCode != 0 || !File.Exists(pe))
            {
                throw new InvalidOperationException("nanope " + name + " failed: " + run.Tail(10));
            }

            this.built[name] = new[] { dll, pe };
            return name;
        }

        /// <summary>
        /// The firmware as the nanoFramework build makes it: the .nfproj (device glue plus our sources, linked) turned
        /// into an SDK project against the toolchain's class libraries by its scripts/nfproj2sdk.py, built, made a .pe.
        /// Returns the assembly name, or null (with a note) when that fails: the rest is still measured.
        /// </summary>
        private string BuildDevice(string deviceProject)
        {
            string script = Path.Combine(this.nftool, "scripts/nfproj2sdk.py");
            string project = Path.Combine(this.work, "device");
            try
            {
                ToolRun convert = ToolRun.Start("python3", new[] { script, deviceProject, project, "--version", "1.0.0.0", "--refdir", Path.Combine(this.nftool, "ref"), "--langversion", "latest" }, BuildTimeout, null);
                if (convert.ExitCode != 0)
                {
                    throw new InvalidOperationException("nfproj2sdk.py failed: " + convert.Tail(5));
                }

                string csproj = Path.Combine(project, DeviceAssembly + ".csproj");
                ToolRun build = ToolRun.Start("dotnet", new[] { "build", csproj, "-c", "Release", "-nologo", "-v:q" }, BuildTimeout, null);
                string dll = Path.Combine(project, "bin", "Release", DeviceAssembly + ".dll");
                if (build.ExitCode != 0 || !File.Exists(dll))
                {
                    throw new InvalidOperationException("its build failed: " + build.Tail(10));
                }

                return this.MakePe(dll);
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.ComponentModel.Win32Exception)
            {
                this.Notes.Add(DeviceAssembly + " (the linked firmware): not measured, " + e.Message);
                return null;
            }
        }
    }
}
