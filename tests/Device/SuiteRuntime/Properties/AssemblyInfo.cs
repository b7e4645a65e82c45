using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("HomeNode.Tests.Portable.Runtime")]
[assembly: AssemblyDescription("The HomeNode portable test suite (runtime cases) for nanoFramework TestFramework")]
[assembly: AssemblyProduct("HomeNode")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
