using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("HomeNode.Tests.Firmware")]
[assembly: AssemblyDescription("The HomeNode firmware test cases for nanoFramework TestFramework")]
[assembly: AssemblyProduct("HomeNode")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
