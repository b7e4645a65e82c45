using System.Collections;
using HomeNode.App.Diagnostics;

namespace HomeNode.Tests.App
{
    /// <summary>An <see cref="ILog"/> that keeps every finished line, for tests to look at.</summary>
    public sealed class RecordingLog : ILog
    {
        private readonly ArrayList lines = new ArrayList();
        private string current = string.Empty;

        public int Count
        {
            get { return this.lines.Count; }
        }

        public string this[int index]
        {
            get { return (string)this.lines[index]; }
        }

        public void Write(string text)
        {
            if (text != null)
            {
                this.current = this.current + text;
            }
        }

        public void Write(long number)
        {
            this.current = this.current + number.ToString();
        }

        public void WriteLine(string text)
        {
            this.Write(text);
            this.lines.Add(this.current);
            this.current = string.Empty;
        }

        public void Clear()
        {
            this.lines.Clear();
            this.current = string.Empty;
        }

        /// <summary>Index of the first line that starts with <paramref name="prefix"/>, or -1.</summary>
        public int IndexOf(string prefix)
        {
            for (int i = 0; i < this.lines.Count; i++)
            {
                if (((string)this.lines[i]).StartsWith(prefix))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The first line that starts with <paramref name="prefix"/>; fails the test when there is none.</summary>
        public string Line(string prefix)
        {
            int index = this.IndexOf(prefix);
            if (index < 0)
            {
                throw new System.Exception("no line starting with \"" + prefix + "\" in: " + this.All());
            }

            return this[index];
        }

        /// <summary>Every line, separated by " | " (for failure messages).</summary>
        public string All()
        {
            string all = string.Empty;
            for (int i = 0; i < this.lines.Count; i++)
            {
                all = all + (i == 0 ? string.Empty : " | ") + (string)this.lines[i];
            }

            return all;
        }
    }
}
