using System.Collections.Generic;

namespace HomeNode.Bench
{
    /// <summary>One assembly as nanoCLR loads it (see <see cref="NanoClrLoadLine"/>), in the JSON report.</summary>
    public sealed class NanoClrFootprintEntry
    {
        public string Assembly { get; set; }

        public string Version { get; set; }

        /// <summary>"ours", "ours, linked" (the firmware image's one assembly) or "peer".</summary>
        public string Role { get; set; }

        public int RomBytes { get; set; }

        public int MetadataBytes { get; set; }

        /// <summary>RAM on the 32-bit nanoCLR (12-byte heap blocks and 32-bit pointers, as on ESP32 and STM32); null without one.</summary>
        public int? Ram32Bytes { get; set; }

        /// <summary>RAM on the 64-bit nanoCLR.</summary>
        public int? Ram64Bytes { get; set; }

        /// <summary>The assemblies it references besides mscorlib, which a device must load with it.</summary>
        public List<string> References { get; set; } = new List<string>();
    }
}
