using System.Collections.Generic;
using System.IO;
using HomeNode.Bench;
using Xunit;

namespace HomeNode.Tests.Host
{
    /// <summary>The bench's nanoCLR footprint: the load-line parser, the skip without a toolchain, the table and its ratio.</summary>
    public class NanoClrFootprintTests
    {
        [Fact]
        public void ParsesTheLineNanoClrPrintsForEachAssembly()
        {
            // as nanoCLR (nf-interpreter a3e8139, targets/posix) prints it, CR LF and all
            NanoClrLoadLine line = NanoClrLoadLine.Parse("   Assembly: HomeNode.Mqtt (0.0.0.0)   (956 RAM - 17476 ROM - 5469 METADATA)\r");

            Assert.NotNull(line);
            Assert.Equal("HomeNode.Mqtt", line.Assembly);
            Assert.Equal("0.0.0.0", line.Version);
            Assert.Equal(956, line.RamBytes);
            Assert.Equal(17476, line.RomBytes);
            Assert.Equal(5469, line.MetadataBytes);

            NanoClrLoadLine peer = NanoClrLoadLine.Parse("   Assembly: nanoFramework.M2Mqtt (5.1.220.0)   (2600 RAM - 45532 ROM - 13626 METADATA)");
            Assert.Equal("nanoFramework.M2Mqtt", peer.Assembly);
            Assert.Equal("5.1.220.0", peer.Version);
            Assert.Equal(2600, peer.RamBytes);
            Assert.Equal(45532, peer.RomBytes);
            Assert.Equal(13626, peer.MetadataBytes);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("Loaded: /work/nftool-out/pe/mscorlib.pe")]
        [InlineData("Total: (15104 RAM - 190528 ROM - 74955 METADATA)")]
        [InlineData("Assembly: nanoFramework.M2Mqtt (5.1.220.0) needs assembly 'System.Net' (1.11.54.0)")]
        [InlineData("   TypeDef        =     1128 bytes (     141 elements)")]
        [InlineData("   Assembly: HomeNode.Mqtt (0.0.0.0)  ")]
        [InlineData("   Assembly: HomeNode.Mqtt (0.0.0.0)   (956 RAM - 17476 ROM)")]
        [InlineData("   Assembly: HomeNode.Mqtt (0.0.0.0)   (99999999999 RAM - 17476 ROM - 5469 METADATA)")]
        [InlineData("   Assembly: HomeNode.Mqtt (0.0.0.0)   (-1 RAM - 17476 ROM - 5469 METADATA)")]
        public void IgnoresEveryOtherLine(string text)
        {
            Assert.Null(NanoClrLoadLine.Parse(text));
        }

        [Fact]
        public void WithoutTheToolchainItSaysSoInOneLine()
        {
            NanoClrFootprint footprint = NanoClrFootprint.Measure(null, new[] { "HomeNode.Mqtt.dll" }, null);
            StringWriter output = new StringWriter();
            NanoClrFootprintTable.Write(output, footprint);

            Assert.Empty(footprint.Entries);
            Assert.Equal("nanoCLR footprint: skipped (NFTOOL is not set; it names the nanoFramework toolchain that ../shared/nftool/rebuild.sh builds)" + output.NewLine, output.ToString());

            string missing = Path.Combine(Path.GetTempPath(), "no-such-nftool-" + System.Guid.NewGuid().ToString("N"));
            NanoClrFootprint wrongFolder = NanoClrFootprint.Measure(missing, new[] { "HomeNode.Mqtt.dll" }, null);
            Assert.Equal("NFTOOL=" + missing + " has no bin/nanoclr", wrongFolder.SkippedBecause);
        }

        [Fact]
        public void FootprintOptionRunsOnlyTheFootprintSections()
        {
            Assert.True(BenchOptions.Parse(new[] { "--footprint" }).FootprintOnly);
            Assert.False(BenchOptions.Parse(new[] { "--quick" }).FootprintOnly);
        }

        [Fact]
        public void RatioIsOurClientOverM2MqttAndItsCore()
        {
            List<NanoClrFootprintEntry> entries = new List<NanoClrFootprintEntry>
            {
                new NanoClrFootprintEntry { Assembly = "HomeNode.Mqtt", Version = "0.0.0.0", Role = "ours", RomBytes = 17476, MetadataBytes = 5469, Ram32Bytes = 888, Ram64Bytes = 956 },
                new NanoClrFootprintEntry { Assembly = "nanoFramework.M2Mqtt", Version = "5.1.220.0", Role = "peer", RomBytes = 45532, MetadataBytes = 13626, Ram32Bytes = 2600, Ram64Bytes = 2704, References = new List<string> { "nanoFramework.M2Mqtt.Core", "System.Net" } },
                new NanoClrFootprintEntry { Assembly = "nanoFramework.M2Mqtt.Core", Version = "5.1.220.0", Role = "peer", RomBytes = 4024, MetadataBytes = 2222, Ram32Bytes = 508, Ram64Bytes = 576 },
            };

            Assert.Equal(
                "ours/M2Mqtt (HomeNode.Mqtt / nanoFramework.M2Mqtt + M2Mqtt.Core): ROM 0.35 (17,476 / 49,556 B), RAM 0.29 (888 / 3,108 B) on 32-bit, RAM 0.29 (956 / 3,280 B) on 64-bit",
                NanoClrFootprintTable.RatioLine(entries));

            entries[0].Ram32Bytes = null; // a toolchain without the 32-bit nanoCLR
            Assert.Equal(
                "ours/M2Mqtt (HomeNode.Mqtt / nanoFramework.M2Mqtt + M2Mqtt.Core): ROM 0.35 (17,476 / 49,556 B), RAM 0.29 (956 / 3,280 B) on 64-bit",
                NanoClrFootprintTable.RatioLine(entries));
            Assert.Null(NanoClrFootprintTable.RatioLine(entries.GetRange(0, 2)));
        }
    }
}
