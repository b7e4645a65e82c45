using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("HomeNode.Device")]
[assembly: AssemblyDescription("HomeNode firmware for .NET nanoFramework boards")]
[assembly: AssemblyProduct("HomeNode")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
