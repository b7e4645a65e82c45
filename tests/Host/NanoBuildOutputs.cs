using System;
using System.IO;
using System.Linq;
using System.Reflection;
using HomeNode.IlAudit;

namespace HomeNode.Tests.Host
{
    /// <summary>
    /// Where the nano builds are: bin/&lt;Configuration&gt;/nano under each project, for the configuration this test
    /// assembly was built in (the csproj stamps it, and builds those flavours first).
    /// </summary>
    internal static class NanoBuildOutputs
    {
        public static string Configuration => Metadata("HomeNodeConfiguration");

        public static string RepositoryRoot
        {
            get
            {
                DirectoryInfo directory = new DirectoryInfo(AppContext.BaseDirectory);
                while (directory != null && !File.Exists(Path.Combine(directory.FullName, "HomeNode.slnx")))
                {
                    directory = directory.Parent;
                }

                if (directory == null)
                {
                    throw new InvalidOperationException("HomeNode.slnx not found above " + AppContext.BaseDirectory);
                }

                return directory.FullName;
            }
        }

        public static string CoreLibrary
        {
            get
            {
                string root = Metadata("NuGetPackageRoot");
                return string.IsNullOrEmpty(root) ? DeviceCoreLibrary.DefaultPath : DeviceCoreLibrary.PathIn(root);
            }
        }

        /// <param name="projectDirectory">relative to the repository root, e.g. "firmware/Mqtt"</param>
        public static string Assembly(string projectDirectory, string assemblyName)
        {
            string path = Path.Combine(RepositoryRoot, projectDirectory, "bin", Configuration, "nano", assemblyName + ".dll");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException("nano build output missing; build the solution in " + Configuration, path);
            }

            return path;
        }

        /// <summary>The firmware assemblies that go on the device.</summary>
        public static string[] Firmware()
        {
            return new[]
            {
                Assembly("firmware/Mqtt", "HomeNode.Mqtt"),
                Assembly("firmware/Mqtt.WebSockets", "HomeNode.Mqtt.WebSockets"),
                Assembly("firmware/Mqtt.Requests", "HomeNode.Mqtt.Requests"),
                Assembly("firmware/App", "HomeNode.App"),
                Assembly("drivers", "HomeNode.Drivers"),
            };
        }

        private static string Metadata(string key)
        {
            return typeof(NanoBuildOutputs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value;
        }
    }
}
