using System;

namespace HomeNode.App.Diagnostics
{
    /// <summary>An exception in a log line: its type, and its message when it has one (exceptions thrown by the
    /// nanoFramework runtime's native code often carry none, so the type is what says what happened).</summary>
    public static class ExceptionText
    {
        /// <summary>Ends the current line of <paramref name="log"/> with <c>Namespace.Type: message</c>.</summary>
        public static void WriteLine(ILog log, Exception exception)
        {
            if (exception == null)
            {
                log.WriteLine("(no exception)");
                return;
            }

            string message = exception.Message;
            if (message == null || message.Length == 0)
            {
                log.WriteLine(exception.GetType().FullName);
                return;
            }

            log.Write(exception.GetType().FullName);
            log.Write(": ");
            log.WriteLine(message);
        }
    }
}
