using System;
using System.IO;

namespace HomeNode.IlAudit
{
    /// <summary>The device mscorlib the nano flavour is built against (nanoFramework.CoreLibrary, see build/Portable.props).</summary>
    public static class DeviceCoreLibrary
    {
        public const string AssemblyName = "mscorlib";

        public const string PackageVersion = "1.17.11";

        public static readonly Version AssemblyVersion = new Version(1, 17, 11, 0);

        /// <summary>The package's lib/mscorlib.dll under <paramref name="packageRoot"/> (the NuGet global packages folder).</summary>
        public static string PathIn(string packageRoot)
        {
            return Path.Combine(packageRoot, "nanoframework.corelibrary", PackageVersion, "lib", "mscorlib.dll");
        }

        /// <summary>Under NUGET_PACKAGES when set, else ~/.nuget/packages.</summary>
        public static string DefaultPath
        {
            get
            {
                string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
                if (string.IsNullOrEmpty(root))
                {
                    root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
                }

                return PathIn(root);
            }
        }
    }
}
