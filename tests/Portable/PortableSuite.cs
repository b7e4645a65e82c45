using System;
using System.Reflection;

namespace HomeNode.Tests
{
    /// <summary>
    /// Runs the portable suite by reflection: every public static parameterless void method of a public type whose
    /// name ends in "Tests". tests/DeviceRunner calls this inside nanoCLR and tests/Device from TestFramework; it uses
    /// only the reflection the device mscorlib 1.17.11 has (Assembly.GetTypes, Type.GetMethods, Type.GetMethod,
    /// MethodBase.GetParameters, MethodInfo.ReturnType, MethodBase.Invoke), so the nano build of this file is the
    /// check that it compiles there.
    /// </summary>
    /// <remarks>
    /// On nanoCLR a MethodInfo from <c>GetMethods()</c> must not be asked for <c>GetParameters()</c> once a GC has run
    /// (its token block is freed and reused, and the runtime crashes; ../shared/nftool README). So discovery asks for
    /// the parameters of every method right after <c>GetMethods()</c> and keeps only names; each case is looked up
    /// again by name just before it runs.
    /// </remarks>
    public static class PortableSuite
    {
        /// <summary>Prefix of the line a case writes when the device runtime cannot express it (see <see cref="DeviceLimitation"/>).</summary>
        public const string SkipPrefix = "SKIP ";

        /// <summary>
        /// Names ("Type.Method") of the cases on <paramref name="types"/>, in type order and, within a type, in the
        /// order reflection returns the methods.
        /// </summary>
        public static string[] Discover(Type[] types)
        {
            if (types == null)
            {
                throw new ArgumentNullException("types");
            }

            string[] names = new string[16];
            int count = 0;
            for (int t = 0; t < types.Length; t++)
            {
                Type type = types[t];
                if (!IsSuiteType(type))
                {
                    continue;
                }

                MethodInfo[] methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static);

                // First the parameter counts of all methods (nothing allocated in between), then the names.
                bool[] isCase = new bool[methods.Length];
                for (int m = 0; m < methods.Length; m++)
                {
                    isCase[m] = methods[m].GetParameters().Length == 0 && methods[m].ReturnType == typeof(void);
                }

                for (int m = 0; m < methods.Length; m++)
                {
                    if (!isCase[m])
                    {
                        continue;
                    }

                    if (count == names.Length)
                    {
                        string[] larger = new string[names.Length * 2];
                        Array.Copy(names, larger, count);
                        names = larger;
                    }

                    names[count++] = type.Name + "." + methods[m].Name;
                }
            }

            string[] result = new string[count];
            Array.Copy(names, result, count);
            return result;
        }

        /// <summary>
        /// Runs the cases found on <paramref name="types"/>, writes "PASS Type.Method", "FAIL Type.Method: message" or
        /// "SKIP Type.Method: reason" per case and the summary line "N passed, N failed" (with ", N skipped" when a
        /// case could not run), and returns the failure lines joined by '\n' ("" when no case failed). Finding no case
        /// at all counts as a failure, so an empty or mis-discovered suite cannot pass.
        /// </summary>
        public static string RunAll(Type[] types, SuiteLineWriter writer)
        {
            if (writer == null)
            {
                throw new ArgumentNullException("writer");
            }

            string[] cases = Discover(types);
            string failures = string.Empty;
            int passed = 0;
            int failed = 0;
            int skipped = 0;
            for (int i = 0; i < cases.Length; i++)
            {
                string name = cases[i];
                string error = RunOne(types, name);
                if (error == null)
                {
                    passed++;
                    writer("PASS " + name);
                }
                else if (error.Length > SkipPrefix.Length && error.Substring(0, SkipPrefix.Length) == SkipPrefix)
                {
                    skipped++;
                    writer(SkipPrefix + name + ": " + error.Substring(SkipPrefix.Length));
                }
                else
                {
                    failed++;
                    string line = "FAIL " + name + ": " + error;
                    writer(line);
                    failures = failures.Length == 0 ? line : failures + "\n" + line;
                }
            }

            string summary = passed.ToString() + " passed, " + failed.ToString() + " failed";
            writer(skipped == 0 ? summary : summary + ", " + skipped.ToString() + " skipped");
            if (cases.Length == 0)
            {
                return "FAIL no case found (public static void Xxx() on a public type named *Tests)";
            }

            return failures;
        }

        /// <summary>" at A &lt; B &lt; C": the innermost frames of the exception, where it came from (on nanoCLR too).</summary>
        private static string Where(Exception e)
        {
            string trace = e.StackTrace;
            if (trace == null || trace.Length == 0)
            {
                return string.Empty;
            }

            string result = string.Empty;
            int frames = 0;
            int start = 0;
            while (start < trace.Length && frames < 3)
            {
                int end = trace.IndexOf('\n', start);
                if (end < 0)
                {
                    end = trace.Length;
                }

                string frame = trace.Substring(start, end - start).Trim();
                if (frame.Length > 3 && frame.Substring(0, 3) == "at ")
                {
                    frame = frame.Substring(3);
                }

                int file = frame.IndexOf(" in ");
                if (file > 0)
                {
                    frame = frame.Substring(0, file);
                }

                if (frame.Length > 0)
                {
                    result = result + (frames == 0 ? " at " : " < ") + frame;
                    frames++;
                }

                start = end + 1;
            }

            return result;
        }

        /// <summary>The types of two assemblies as one array (the suite is split in two; see its project files).</summary>
        public static Type[] Join(Type[] first, Type[] second)
        {
            Type[] all = new Type[first.Length + second.Length];
            Array.Copy(first, all, first.Length);
            Array.Copy(second, 0, all, first.Length, second.Length);
            return all;
        }

        private static bool IsSuiteType(Type type)
        {
            string name = type.Name;
            return type.IsPublic && type.IsClass && name.Length > 5 && name.EndsWith("Tests");
        }

        /// <summary>Runs one case; null when it passed, "SKIP reason" when the runtime cannot express it, else the error.</summary>
        private static string RunOne(Type[] types, string name)
        {
            int dot = name.IndexOf('.');
            string typeName = name.Substring(0, dot);
            string methodName = name.Substring(dot + 1);
            MethodInfo method = null;
            for (int t = 0; t < types.Length && method == null; t++)
            {
                if (types[t].Name == typeName && IsSuiteType(types[t]))
                {
                    method = types[t].GetMethod(methodName, BindingFlags.Public | BindingFlags.Static);
                }
            }

            if (method == null)
            {
                return "case not found again by name";
            }

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

                if (cause is DeviceLimitation)
                {
                    return SkipPrefix + cause.Message;
                }

                return cause.GetType().Name + ": " + cause.Message + Where(cause);
            }
        }
    }
}
