using System;
using HomeNode.App.Diagnostics;

namespace HomeNode.Device
{
    /// <summary>The firmware's log on the board: System.Console, which a Release build keeps.</summary>
    /// <remarks>
    /// In mscorlib 1.17.11 Debug.WriteLine is [Conditional("DEBUG")], so a Release build drops every call; Console.Write
    /// and Console.WriteLine are not conditional. Both end in the native Debug.WriteLineNative(text, addLineFeed)
    /// (nanoframework/CoreLibrary System/Console.cs; nf-interpreter src/CLR/CorLib/corlib_native_System_Diagnostics_Debug.cpp),
    /// which hands the text to CLR_Debug::Emit (src/CLR/Diagnostics/Info.cpp). Emit buffers until a newline or more than
    /// 80 characters, so a line appears once WriteLine adds its "\r\n". On a board the line goes out on the debug
    /// port as a wire-protocol Monitor_Message (what the nanoFramework Visual Studio / VS Code extensions show);
    /// nanoCLR on a PC prints it to stdout. Text pieces do not allocate; a number is formatted with ToString, one
    /// small string per number, and numbers are only written on state changes.
    /// </remarks>
    public sealed class ConsoleLog : ILog
    {
        public void Write(string text)
        {
            if (text != null)
            {
                Console.Write(text);
            }
        }

        public void Write(long number)
        {
            Console.Write(number.ToString());
        }

        public void WriteLine(string text)
        {
            Console.WriteLine(text == null ? string.Empty : text);
        }
    }
}
