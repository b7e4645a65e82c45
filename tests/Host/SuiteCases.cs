using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace HomeNode.Tests.Host
{
    /// <summary>
    /// Finds and runs portable cases for xunit: each public static parameterless void method of a public type whose
    /// name ends in "Tests", named "Type.Method". The same discovery runs on the device (tests/DeviceRunner, tests/Device).
    /// </summary>
    public static class SuiteCases
    {
        public static IEnumerable<object[]> Of(Type[] types)
        {
            return types
                .Where(t => t.IsPublic && t.Name.EndsWith("Tests", StringComparison.Ordinal))
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static)
                    .Where(m => m.GetParameters().Length == 0 && m.ReturnType == typeof(void))
                    .Select(m => new object[] { t.Name + "." + m.Name }))
                .OrderBy(c => (string)c[0], StringComparer.Ordinal);
        }

        /// <summary>Runs one case; its own exception is rethrown with its stack, not wrapped.</summary>
        public static void Run(Type[] types, string testCase)
        {
            int dot = testCase.IndexOf('.');
            Type type = types.Single(t => t.IsPublic && t.Name == testCase.Substring(0, dot));
            MethodInfo method = type.GetMethod(testCase.Substring(dot + 1), BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes);
            try
            {
                method.Invoke(null, null);
            }
            catch (TargetInvocationException e)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }
    }
}
