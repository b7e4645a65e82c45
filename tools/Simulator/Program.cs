using System;

namespace HomeNode.Simulator
{
    internal static class Program
    {
        private static int Main(string[] args)
        {
            SimulatorOptions options = SimulatorOptions.Parse(args, out string error);
            if (options == null)
            {
                Console.Error.WriteLine("homenode-simulator: " + error);
                Console.Error.WriteLine("Try --help.");
                return ExitCodes.UsageOrConfigError;
            }

            if (options.Help)
            {
                Console.Out.Write(UsageText.Text);
                return ExitCodes.Ok;
            }

            return new SimulatorSession(options, Console.Out, Console.Error).Run();
        }
    }
}
