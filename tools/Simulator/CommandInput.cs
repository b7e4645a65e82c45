using System;
using System.Collections.Concurrent;
using System.Threading;

namespace HomeNode.Simulator
{
    /// <summary>
    /// Reads the user's commands on a background thread: single keys on a terminal (1..9 toggle, q quits), whole lines
    /// when stdin is redirected ("toggle NAME", "toggle DEVICE/NAME", "quit"), so scripts and tests can drive it.
    /// Commands are queued as lines in the redirected-line syntax; key 3 becomes "toggle #3".
    /// </summary>
    public sealed class CommandInput
    {
        private readonly ConcurrentQueue<string> commands = new ConcurrentQueue<string>();
        private readonly Thread thread;

        public CommandInput()
        {
            this.thread = new Thread(Console.IsInputRedirected ? this.ReadLines : this.ReadKeys) { IsBackground = true, Name = "homenode-input" };
        }

        public void Start() => this.thread.Start();

        public bool TryTake(out string command) => this.commands.TryDequeue(out command);

        private void ReadLines()
        {
            try
            {
                string line;
                while ((line = Console.In.ReadLine()) != null)
                {
                    line = line.Trim();
                    if (line.Length > 0)
                    {
                        this.commands.Enqueue(line);
                    }
                }
            }
            catch (Exception)
            {
                // stdin went away: no more commands, the run goes on until --duration or a signal.
            }
        }

        private void ReadKeys()
        {
            try
            {
                while (true)
                {
                    ConsoleKeyInfo key = Console.ReadKey(intercept: true);
                    if (key.KeyChar >= '1' && key.KeyChar <= '9')
                    {
                        this.commands.Enqueue("toggle #" + key.KeyChar);
                    }
                    else if (key.KeyChar == 'q' || key.KeyChar == 'Q')
                    {
                        this.commands.Enqueue("quit");
                    }
                }
            }
            catch (InvalidOperationException)
            {
                // No console to read keys from (e.g. started without a terminal but stdin not redirected).
            }
        }
    }
}
