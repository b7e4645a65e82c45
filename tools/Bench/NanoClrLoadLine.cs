using System.Globalization;
using System.Text.RegularExpressions;

namespace HomeNode.Bench
{
    /// <summary>
    /// One line nanoCLR prints for each assembly it loads (nf-interpreter src/CLR/Core/TypeSystem.cpp,
    /// CLR_RT_Assembly::CreateInstance):
    /// <c>   Assembly: HomeNode.Mqtt (0.0.0.0)   (956 RAM - 17476 ROM - 5469 METADATA)</c>.
    /// RAM is what the runtime allocates for the assembly at load (its resolved tables and static fields), ROM the
    /// size of its .pe (kept in flash on a device), METADATA the part of the .pe that is tables and signatures.
    /// </summary>
    public sealed class NanoClrLoadLine
    {
        private static readonly Regex Pattern = new Regex(
            @"^\s*Assembly:\s+(?<name>[^\s(]+)\s+\((?<version>\d+\.\d+\.\d+\.\d+)\)\s+\((?<ram>\d+) RAM - (?<rom>\d+) ROM - (?<metadata>\d+) METADATA\)\s*$",
            RegexOptions.CultureInvariant);

        public NanoClrLoadLine(string assembly, string version, int ramBytes, int romBytes, int metadataBytes)
        {
            Assembly = assembly;
            Version = version;
            RamBytes = ramBytes;
            RomBytes = romBytes;
            MetadataBytes = metadataBytes;
        }

        public string Assembly { get; }

        public string Version { get; }

        public int RamBytes { get; }

        public int RomBytes { get; }

        public int MetadataBytes { get; }

        /// <summary>The load line in <paramref name="line"/> (a trailing CR allowed), or null for any other line.</summary>
        public static NanoClrLoadLine Parse(string line)
        {
            if (line == null)
            {
                return null;
            }

            Match match = Pattern.Match(line.TrimEnd('\r'));
            if (!match.Success)
            {
                return null;
            }

            int ram;
            int rom;
            int metadata;
            if (!int.TryParse(match.Groups["ram"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out ram)
                || !int.TryParse(match.Groups["rom"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out rom)
                || !int.TryParse(match.Groups["metadata"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out metadata))
            {
                return null;
            }

            return new NanoClrLoadLine(match.Groups["name"].Value, match.Groups["version"].Value, ram, rom, metadata);
        }
    }
}
