namespace HomeNode.App.Diagnostics
{
    /// <summary>
    /// Where the firmware says what it is doing: one line per state change (config problems, network, broker connection,
    /// unexpected exceptions), never one per poll. A line is written in pieces, <see cref="Write(string)"/> and
    /// <see cref="Write(long)"/> zero or more times, then <see cref="WriteLine"/>, so a caller never concatenates strings
    /// and a [SteadyState] method can report without allocating.
    /// </summary>
    /// <remarks>
    /// Contract: the pieces of one line come from one thread (the firmware loop, or Main before it starts); methods do
    /// not throw. On the board the implementation is the device glue's ConsoleLog, which survives a Release build
    /// (Debug.WriteLine is [Conditional("DEBUG")] in mscorlib 1.17.11, Console.WriteLine is not).
    /// </remarks>
    public interface ILog
    {
        /// <summary>Appends <paramref name="text"/> to the current line (null writes nothing).</summary>
        void Write(string text);

        /// <summary>Appends <paramref name="number"/> in decimal to the current line.</summary>
        void Write(long number);

        /// <summary>Appends <paramref name="text"/> and ends the line.</summary>
        void WriteLine(string text);
    }
}
