using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("HomeNode.Tests.WebSockets")]
[assembly: AssemblyDescription("The HomeNode runtime test cases for nanoFramework TestFramework")]
[assembly: AssemblyProduct("HomeNode")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
