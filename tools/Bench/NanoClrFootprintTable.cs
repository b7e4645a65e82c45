using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace HomeNode.Bench
{
    /// <summary>Prints a <see cref="NanoClrFootprint"/>: one row per assembly, then ours/M2Mqtt for ROM and RAM.</summary>
    public static class NanoClrFootprintTable
    {
        public const string OurClient = "HomeNode.Mqtt";

        public static void Write(TextWriter writer, NanoClrFootprint footprint)
        {
            if (footprint.SkippedBecause != null)
            {
                writer.WriteLine("nanoCLR footprint: skipped (" + footprint.SkippedBecause + ")");
                return;
            }

            writer.WriteLine("nanoCLR footprint (bytes nanoCLR reports as it loads each assembly: ROM = the .pe, kept in flash on a device;");
            writer.WriteLine("METADATA = its tables and signatures, part of ROM; RAM = what the runtime allocates for it at load, on the");
            writer.WriteLine("32-bit nanoCLR as on ESP32/STM32 and on the 64-bit one; the peer built by the same toolchain):");
            writer.WriteLine();
            writer.WriteLine("| assembly | version | ROM B | METADATA B | RAM B 32-bit | RAM B 64-bit | references besides mscorlib |");
            writer.WriteLine("|---|---|--:|--:|--:|--:|---|");
            foreach (NanoClrFootprintEntry entry in footprint.Entries)
            {
                string name = entry.Role == "ours" ? entry.Assembly : entry.Assembly + " (" + (entry.Role == "peer" ? "peer" : "linked firmware") + ")";
                writer.WriteLine("| " + name + " | " + entry.Version + " | " + Bytes(entry.RomBytes) + " | " + Bytes(entry.MetadataBytes) + " | " + Bytes(entry.Ram32Bytes) + " | " + Bytes(entry.Ram64Bytes) + " | " + (entry.References.Count == 0 ? "-" : string.Join(", ", entry.References)) + " |");
            }

            string ratio = RatioLine(footprint.Entries);
            if (ratio != null)
            {
                writer.WriteLine();
                writer.WriteLine(ratio);
            }

            foreach (string note in footprint.Notes)
            {
                writer.WriteLine("- " + note);
            }
        }

        /// <summary>HomeNode.Mqtt against nanoFramework.M2Mqtt + M2Mqtt.Core (the client and the part it cannot work without), or null when a row is missing.</summary>
        public static string RatioLine(IReadOnlyList<NanoClrFootprintEntry> entries)
        {
            NanoClrFootprintEntry ours = entries.FirstOrDefault(e => e.Assembly == OurClient);
            NanoClrFootprintEntry peer = entries.FirstOrDefault(e => e.Assembly == NanoClrFootprint.PeerAssembly);
            NanoClrFootprintEntry core = entries.FirstOrDefault(e => e.Assembly == NanoClrFootprint.PeerCoreAssembly);
            if (ours == null || peer == null || core == null)
            {
                return null;
            }

            string line = "ours/M2Mqtt (" + OurClient + " / " + NanoClrFootprint.PeerAssembly + " + M2Mqtt.Core): ROM " + Ratio(ours.RomBytes, peer.RomBytes + core.RomBytes);
            if (ours.Ram32Bytes.HasValue && peer.Ram32Bytes.HasValue && core.Ram32Bytes.HasValue)
            {
                line += ", RAM " + Ratio(ours.Ram32Bytes.Value, peer.Ram32Bytes.Value + core.Ram32Bytes.Value) + " on 32-bit";
            }

            if (ours.Ram64Bytes.HasValue && peer.Ram64Bytes.HasValue && core.Ram64Bytes.HasValue)
            {
                line += ", RAM " + Ratio(ours.Ram64Bytes.Value, peer.Ram64Bytes.Value + core.Ram64Bytes.Value) + " on 64-bit";
            }

            return line;
        }

        private static string Ratio(int ours, int peer)
        {
            return (ours / (double)peer).ToString("0.00", CultureInfo.InvariantCulture) + " (" + Bytes(ours) + " / " + Bytes(peer) + " B)";
        }

        private static string Bytes(int? bytes)
        {
            return bytes.HasValue ? bytes.Value.ToString("N0", CultureInfo.InvariantCulture) : "-";
        }
    }
}
