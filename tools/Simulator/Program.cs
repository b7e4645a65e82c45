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

            // The monitor and phone-app clients run on the thread pool; on a busy two-core machine the pool's slow
            // thread injection would show up as message latency that has nothing to do with the broker.
            System.Threading.ThreadPool.SetMinThreads(16, 16);
            return new SimulatorSession(options, Console.Out, Console.Error).Run();
        }
    }
}
