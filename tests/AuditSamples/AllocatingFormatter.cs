namespace HomeNode.AuditSamples
{
    public sealed class AllocatingFormatter : SampleFormatter
    {
        public char[] Text;

        public override int Format(int value)
        {
            Text = new char[value];
            return value;
        }
    }
}
