using System;
using System.Reflection;

namespace HomeNode.Tests
{
    /// <summary>
    /// Runs the portable suite by reflection: every public static parameterless void method of a public type whose
    /// name ends in "Tests". The device test (tests/Device) calls this inside nanoclr; it uses only the reflection the
    /// device mscorlib 1.17.11 has (Assembly.GetTypes, Type.GetMethods(BindingFlags), MethodBase.GetParameters,
    /// MethodInfo.ReturnType, MethodBase.Invoke), so the nano build of this file is the check that it will run there.
    /// </summary>
    public static class PortableSuite
    {
        /// <summary>
        /// Runs the cases found on <paramref name="types"/>, writes "PASS Type.Method" or "FAIL Type.Method: message"
        /// per case and a summary line, and returns the failure lines joined by '\n' ("" when every case passed).
        /// Finding no case at all counts as a failure, so an empty or mis-discovered suite cannot pass.
        /// </summary>
        public static string RunAll(Type[] types, SuiteLineWriter writer)
        {
            if (types == null)
            {
                throw new ArgumentNullException("types");
            }

            if (writer == null)
            {
                throw new ArgumentNullException("writer");
            }

            string failures = string.Empty;
            int passed = 0;
            int failed = 0;
            for (int t = 0; t < types.Length; t++)
            {
                Type type = types[t];
                if (!IsSuiteType(type))
                {
                    continue;
                }

                MethodInfo[] methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static);
                for (int m = 0; m < methods.Length; m++)
                {
                    MethodInfo method = methods[m];
                    if (method.GetParameters().Length != 0 || method.ReturnType != typeof(void))
                    {
                        continue;
                    }

                    string name = type.Name + "." + method.Name;
                    string error = RunOne(method);
                    if (error == null)
                    {
                        passed++;
                        writer("PASS " + name);
                    }
                    else
                    {
                        failed++;
                        string line = "FAIL " + name + ": " + error;
                        writer(line);
                        failures = failures.Length == 0 ? line : failures + "\n" + line;
                    }
                }
            }

            writer(passed.ToString() + " passed, " + failed.ToString() + " failed");
            if (passed + failed == 0)
            {
                return "FAIL no case found (public static void Xxx() on a public type named *Tests)";
            }

            return failures;
        }

        private static bool IsSuiteType(Type type)
        {
            string name = type.Name;
            return type.IsPublic && type.IsClass && name.Length > 5 && name.EndsWith("Tests");
        }

        private static string RunOne(MethodInfo method)
        {
            try
            {
                method.Invoke(null, null);
                return null;
            }
            catch (Exception e)
            {
                // The desktop runtime wraps the case's exception; nanoFramework has no TargetInvocationException
                // (not in mscorlib 1.17.11), so the type is matched by name to stay portable.
                Exception cause = e;
                if (e.InnerException != null && e.GetType().FullName == "System.Reflection.TargetInvocationException")
                {
                    cause = e.InnerException;
                }

                return cause.GetType().Name + ": " + cause.Message;
            }
        }
    }
}
