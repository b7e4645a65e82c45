using System;
using System.IO;

namespace HomeNode.Device
{
    /// <summary>Whole-file reads from the board's internal file system (I:\), where nanoff --filedeployment puts files.</summary>
    /// <remarks>
    /// nanoframework/System.IO.FileSystem System.IO.FileSystem/File.cs: File.Exists(path), and
    /// new FileStream(path, FileMode.Open, FileAccess.Read) with Length and Read(byte[], int, int) (File.Copy reads the
    /// same way). Used at start-up only; allocates the file's size once.
    /// </remarks>
    public static class BoardFile
    {
        /// <summary>Reads the whole file.</summary>
        /// <param name="nulTerminate">Append one 0 byte: mbedTLS parses PEM only when the buffer ends with NUL.</param>
        /// <returns>The bytes, or null when the file does not exist.</returns>
        public static byte[] ReadAllBytes(string path, bool nulTerminate)
        {
            if (path == null)
            {
                throw new ArgumentNullException("path");
            }

            if (!File.Exists(path))
            {
                return null;
            }

            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                int length = (int)stream.Length;
                byte[] bytes = new byte[nulTerminate ? length + 1 : length];
                int total = 0;
                while (total < length)
                {
                    int read = stream.Read(bytes, total, length - total);
                    if (read <= 0)
                    {
                        throw new IOException("short read: " + path);
                    }

                    total += read;
                }

                return bytes;
            }
        }
    }
}
