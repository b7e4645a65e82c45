namespace HomeNode.Tests
{
    /// <summary>
    /// What the runtime's strings can hold, found out by trying. nanoCLR keeps strings as NUL-terminated UTF-8
    /// (../shared/nftool README): U+0000 ends the string, a lone surrogate becomes U+FFFD and a character above
    /// U+FFFF does not index back as its surrogate pair. Such a string can then never reach the firmware on a board,
    /// so checks that build one run where the runtime can hold it; the same rules are also checked on bytes, which
    /// every runtime holds.
    /// </summary>
    public static class RuntimeText
    {
        /// <summary>True where a string literal keeps an embedded U+0000 (.NET; not nanoCLR).</summary>
        public static bool HoldsNul
        {
            get { return "a\u0000b".Length == 3; }
        }

        /// <summary>True where a lone surrogate survives in a string (.NET; not nanoCLR, which makes it U+FFFD).</summary>
        public static bool HoldsLoneSurrogates
        {
            get
            {
                string lone = "\uD800x";
                return lone.Length == 2 && lone[0] == '\uD800';
            }
        }

        /// <summary>True where a character above U+FFFF indexes as its two surrogates (.NET; not nanoCLR).</summary>
        public static bool IndexesSurrogatePairs
        {
            get
            {
                string clef = "\uD834\uDD1E";
                return clef.Length == 2 && clef[0] == '\uD834' && clef[1] == '\uDD1E';
            }
        }
    }
}
