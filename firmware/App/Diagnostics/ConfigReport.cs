using HomeNode.App.Config;

namespace HomeNode.App.Diagnostics
{
    /// <summary>
    /// What the board says about its configuration file at start-up, in the shape tools/ConfigCheck prints:
    /// <c>FILE:LINE: [section] field: message</c> per error (<c>FILE: ...</c> when no line applies) and
    /// <c>FILE:LINE: warning: ...</c> per warning.
    /// </summary>
    public static class ConfigReport
    {
        /// <summary>Reports a missing file (<paramref name="parsed"/> null), every error and every warning.</summary>
        /// <returns>True when the configuration can be used (it parsed without errors).</returns>
        public static bool Write(ILog log, string path, ConfigParseResult parsed)
        {
            if (log == null)
            {
                return parsed != null && parsed.Succeeded;
            }

            if (parsed == null)
            {
                log.Write(path);
                log.WriteLine(": not found; deploy it with flash.ps1 -ConfigFile");
                return false;
            }

            for (int i = 0; i < parsed.Errors.Length; i++)
            {
                WriteProblem(log, path, parsed.Errors[i], string.Empty);
            }

            for (int i = 0; i < parsed.Warnings.Length; i++)
            {
                WriteProblem(log, path, parsed.Warnings[i], "warning: ");
            }

            return parsed.Succeeded;
        }

        private static void WriteProblem(ILog log, string path, ConfigError problem, string kind)
        {
            log.Write(path);
            if (problem.Line != 0)
            {
                log.Write(":");
                log.Write(problem.Line);
            }

            log.Write(": ");
            log.Write(kind);
            log.WriteLine(problem.Describe());
        }
    }
}
