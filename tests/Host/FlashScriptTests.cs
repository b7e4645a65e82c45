using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace HomeNode.Tests.Host
{
    /// <summary>
    /// flash.ps1 run with PowerShell 7 (env HOMENODE_PWSH, installed by test.sh into .tools/): the nanoff command lines
    /// it prints under -WhatIf, the config check that stops it, the nanoff install hint, the .pe packing, and one real
    /// run against a recording stand-in for nanoff. The config check is the real tools/ConfigCheck.
    /// </summary>
    public sealed class FlashScriptTests : IDisposable
    {
        private const string ValidConfig =
            "[wifi]\n" +
            "ssid = TestNet\n" +
            "password = correct-horse\n" +
            "[broker]\n" +
            "host = mqtt.ourhome.lan\n" +
            "[device]\n" +
            "name = kitchen\n" +
            "base_topic = ourhome/firstfloor/kitchen\n";

        // line 5 holds the error the checker must report
        private const string BrokenConfig =
            "[wifi]\n" +
            "ssid = TestNet\n" +
            "[broker]\n" +
            "host = mqtt.ourhome.lan\n" +
            "port = 99999\n" +
            "[device]\n" +
            "name = kitchen\n" +
            "base_topic = ourhome/firstfloor/kitchen\n";

        private readonly string work;
        private readonly string peFolder;

        public FlashScriptTests()
        {
            this.work = Path.Combine(Path.GetTempPath(), "homenode-flash-" + Guid.NewGuid().ToString("N"));
            this.peFolder = Path.Combine(this.work, "pe");
            Directory.CreateDirectory(this.peFolder);

            // lengths 5 and 8: the first needs 3 bytes of padding, the second none
            File.WriteAllBytes(Path.Combine(this.peFolder, "a.pe"), new byte[] { 0xA1, 0xA2, 0xA3, 0xA4, 0xA5 });
            File.WriteAllBytes(Path.Combine(this.peFolder, "b.pe"), new byte[] { 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8 });
        }

        private string ImageFile => Path.Combine(this.peFolder, "homenode.bin");

        private string DeploymentFile => Path.Combine(this.peFolder, "homenode-files.json");

        public void Dispose()
        {
            try
            {
                Directory.Delete(this.work, true);
            }
            catch (IOException)
            {
            }
        }

        [Fact]
        public void WhatIfPrintsEveryNanoffCommandInOrderAndRunsNone()
        {
            string config = this.WriteConfig("good.ini", ValidConfig);

            ScriptRun run = this.RunFlash(null, "-SerialPort", "COM5", "-ConfigFile", config, "-ImagePath", this.peFolder, "-UpdateFirmware", "-FirmwareVersion", "1.17.0.123", "-WhatIf");

            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Equal(
                new[]
                {
                    "WhatIf: nanoff --update --target ESP32_REV0 --serialport COM5 --fwversion 1.17.0.123",
                    "WhatIf: nanoff --target ESP32_REV0 --serialport COM5 --deploy --image " + this.ImageFile,
                    "WhatIf: nanoff --target ESP32_REV0 --serialport COM5 --filedeployment " + this.DeploymentFile,
                },
                run.StandardOutputLines.Where(l => l.StartsWith("WhatIf: ", StringComparison.Ordinal)).ToArray());
            Assert.Contains(run.StandardOutputLines, l => l == config + ": ok");

            // nanoff is kept off PATH here: under -WhatIf that is a warning with the install command, not a stop
            Assert.Contains("dotnet tool install -g nanoff", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        }

        [Fact]
        public void UpdateFirmwareWithoutAVersionIsRefusedBeforeAnythingRuns()
        {
            string config = this.WriteConfig("good.ini", ValidConfig);

            ScriptRun run = this.RunFlash(null, "-SerialPort", "COM5", "-ConfigFile", config, "-ImagePath", this.peFolder, "-UpdateFirmware", "-WhatIf");

            Assert.True(run.ExitCode == 4, run.Describe());
            Assert.Contains("-UpdateFirmware needs -FirmwareVersion", run.StandardError, StringComparison.Ordinal);
            Assert.Contains("mscorlib 100.5.0.24", run.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain(run.StandardOutputLines, l => l.StartsWith("WhatIf: ", StringComparison.Ordinal));

            run = this.RunFlash(null, "-SerialPort", "COM5", "-ConfigFile", config, "-ImagePath", this.peFolder, "-UpdateFirmware", "-FirmwareVersion", "latest", "-WhatIf");
            Assert.True(run.ExitCode == 4, run.Describe());
            Assert.Contains("must look like 1.17.0.123", run.StandardError, StringComparison.Ordinal);
        }

        [Fact]
        public void WhatIfWithoutUpdateFirmwarePacksTheImageAndTheFileDeploymentForTheGivenTarget()
        {
            string config = this.WriteConfig("good.ini", ValidConfig);

            ScriptRun run = this.RunFlash(null, "-SerialPort", "/dev/ttyUSB0", "-Target", "ESP32_S3", "-ConfigFile", config, "-ImagePath", this.peFolder, "-WhatIf");

            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Equal(
                new[]
                {
                    "WhatIf: nanoff --target ESP32_S3 --serialport /dev/ttyUSB0 --deploy --image " + this.ImageFile,
                    "WhatIf: nanoff --target ESP32_S3 --serialport /dev/ttyUSB0 --filedeployment " + this.DeploymentFile,
                },
                run.StandardOutputLines.Where(l => l.StartsWith("WhatIf: ", StringComparison.Ordinal)).ToArray());

            // -WhatIf still packs the image and writes the JSON (local files only), so both can be checked
            Assert.Equal(
                new byte[]
                {
                    0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0x00, 0x00, 0x00,
                    0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8,
                },
                File.ReadAllBytes(this.ImageFile));

            using JsonDocument deployment = JsonDocument.Parse(File.ReadAllText(this.DeploymentFile));
            Assert.Equal("/dev/ttyUSB0", deployment.RootElement.GetProperty("SerialPort").GetString());
            JsonElement file = Assert.Single(deployment.RootElement.GetProperty("Files").EnumerateArray());
            Assert.Equal("I:\\config.ini", file.GetProperty("DestinationFilePath").GetString());
            Assert.Equal(config, file.GetProperty("SourceFilePath").GetString());
        }

        [Fact]
        public void BoardFilesSuchAsCertificatesJoinTheFileDeployment()
        {
            string config = this.WriteConfig("good.ini", ValidConfig);
            string certificate = this.WriteConfig("ca.pem", "-----BEGIN CERTIFICATE-----\n");

            ScriptRun run = this.RunFlash(null, "-SerialPort", "COM5", "-ConfigFile", config, "-ImagePath", this.peFolder, "-BoardFile", certificate, "-WhatIf");

            Assert.True(run.ExitCode == 0, run.Describe());
            using JsonDocument deployment = JsonDocument.Parse(File.ReadAllText(this.DeploymentFile));
            JsonElement[] files = deployment.RootElement.GetProperty("Files").EnumerateArray().ToArray();
            Assert.Equal(2, files.Length);
            Assert.Equal("I:\\config.ini", files[0].GetProperty("DestinationFilePath").GetString());
            Assert.Equal("I:\\ca.pem", files[1].GetProperty("DestinationFilePath").GetString());
            Assert.Equal(certificate, files[1].GetProperty("SourceFilePath").GetString());
        }

        [Fact]
        public void BrokenConfigStopsWithTheCheckersOwnErrorText()
        {
            string config = this.WriteConfig("broken.ini", BrokenConfig);

            ScriptRun run = this.RunFlash(null, "-SerialPort", "COM5", "-ConfigFile", config, "-ImagePath", this.peFolder, "-WhatIf");

            Assert.True(run.ExitCode == 1, run.Describe());
            Assert.Contains(run.StandardErrorLines, l => l.StartsWith(config + ":5: [broker] port", StringComparison.Ordinal));
            Assert.DoesNotContain(run.StandardOutputLines, l => l.Contains("nanoff --", StringComparison.Ordinal));
            Assert.False(File.Exists(this.ImageFile), "no image is packed after a failed config check");
        }

        [Fact]
        public void MissingNanoffStopsARealRunWithTheInstallCommand()
        {
            string config = this.WriteConfig("good.ini", ValidConfig);

            ScriptRun run = this.RunFlash(null, "-SerialPort", "COM5", "-ConfigFile", config, "-ImagePath", this.peFolder);

            Assert.True(run.ExitCode == 2, run.Describe());
            Assert.Contains(run.StandardErrorLines, l => l.Contains("dotnet tool install -g nanoff", StringComparison.Ordinal));
            Assert.False(File.Exists(this.ImageFile), "nothing is prepared when nanoff is missing");
        }

        [Fact]
        public void RealRunCallsNanoffWithTheSameArgumentsAsWhatIfPrints()
        {
            string config = this.WriteConfig("good.ini", ValidConfig);
            string fakeBin = Path.Combine(this.work, "fake-bin");
            string log = Path.Combine(this.work, "nanoff.log");
            Directory.CreateDirectory(fakeBin);

            // a recording stand-in for nanoff (unit-test fake): one line of arguments per call
            if (OperatingSystem.IsWindows())
            {
                File.WriteAllText(Path.Combine(fakeBin, "nanoff.cmd"), "@echo %*>> \"" + log + "\"\r\n");
            }
            else
            {
                string fake = Path.Combine(fakeBin, "nanoff");
                File.WriteAllText(fake, "#!/bin/sh\necho \"$*\" >> \"" + log + "\"\n");
                File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            ScriptRun run = this.RunFlash(fakeBin, "-SerialPort", "COM5", "-ConfigFile", config, "-ImagePath", this.peFolder, "-UpdateFirmware", "-FirmwareVersion", "1.17.0.123");

            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Equal(
                new[]
                {
                    "--update --target ESP32_REV0 --serialport COM5 --fwversion 1.17.0.123",
                    "--target ESP32_REV0 --serialport COM5 --deploy --image " + this.ImageFile,
                    "--target ESP32_REV0 --serialport COM5 --filedeployment " + this.DeploymentFile,
                },
                File.ReadAllLines(log));
        }

        private static string RepositoryRoot()
        {
            DirectoryInfo directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "flash.ps1")))
            {
                directory = directory.Parent;
            }

            Assert.True(directory != null, "flash.ps1 not found above " + AppContext.BaseDirectory);
            return directory.FullName;
        }

        private static string PowerShellPath(string root)
        {
            string path = Environment.GetEnvironmentVariable("HOMENODE_PWSH");
            if (string.IsNullOrEmpty(path))
            {
                path = Path.Combine(root, ".tools", "pwsh");
            }

            Assert.True(
                File.Exists(path),
                "PowerShell 7 not found at " + path + "; run ./test.sh, or: dotnet tool install PowerShell --version 7.6.9 --tool-path .tools");
            return path;
        }

        /// <summary>PATH without any directory holding a nanoff, plus <paramref name="extraDirectory"/> first when given.</summary>
        private static string PathWithoutNanoff(string extraDirectory)
        {
            List<string> entries = new List<string>();
            if (extraDirectory != null)
            {
                entries.Add(extraDirectory);
            }

            foreach (string entry in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                if (entry.Length != 0 && !File.Exists(Path.Combine(entry, "nanoff")) && !File.Exists(Path.Combine(entry, "nanoff.exe")))
                {
                    entries.Add(entry);
                }
            }

            return string.Join(Path.PathSeparator, entries);
        }

        private string WriteConfig(string name, string text)
        {
            string path = Path.Combine(this.work, name);
            File.WriteAllText(path, text);
            return path;
        }

        private ScriptRun RunFlash(string extraPathDirectory, params string[] arguments)
        {
            string root = RepositoryRoot();
            ProcessStartInfo start = new ProcessStartInfo(PowerShellPath(root))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = this.work,
            };
            start.ArgumentList.Add("-NoProfile");
            start.ArgumentList.Add("-NonInteractive");
            start.ArgumentList.Add("-File");
            start.ArgumentList.Add(Path.Combine(root, "flash.ps1"));
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["PATH"] = PathWithoutNanoff(extraPathDirectory);
            start.Environment["NO_COLOR"] = "1";

            using Process process = Process.Start(start);
            System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(300_000), "flash.ps1 did not finish in 5 minutes");
            return new ScriptRun(process.ExitCode, output, error.Result);
        }
    }
}
