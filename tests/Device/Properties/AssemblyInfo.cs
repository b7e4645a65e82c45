using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("HomeNode.Tests.Device")]
[assembly: AssemblyProduct("HomeNode")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
