using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("HomeNode.Portable")]
[assembly: AssemblyDescription("HomeNode MQTT client, firmware logic and drivers for .NET nanoFramework")]
[assembly: AssemblyProduct("HomeNode")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
