namespace HomeNode.App.Config
{
    /// <summary>One problem found in a configuration file, with where it is and what was expected there.</summary>
    public sealed class ConfigError
    {
        public ConfigError(int line, string section, string field, string message)
        {
            this.Line = line;
            this.Section = section == null ? string.Empty : section;
            this.Field = field == null ? string.Empty : field;
            this.Message = message;
        }

        /// <summary>1-based line number; 0 when the problem belongs to no line (a missing section).</summary>
        public int Line { get; }

        /// <summary>The section as written between the brackets (<c>sensor kitchen</c>); "" before any section.</summary>
        public string Section { get; }

        /// <summary>The key concerned; "" when the problem is the line or section itself.</summary>
        public string Field { get; }

        /// <summary>What was expected, and what was found.</summary>
        public string Message { get; }

        /// <summary><c>[section] field: message</c>, leaving out the parts that are empty.</summary>
        public string Describe()
        {
            string place = this.Section.Length == 0 ? string.Empty : "[" + this.Section + "]";
            if (this.Field.Length != 0)
            {
                place = place.Length == 0 ? this.Field : place + " " + this.Field;
            }

            return place.Length == 0 ? this.Message : place + ": " + this.Message;
        }

        /// <summary>The one-line text: <c>line 12 [sensor kitchen] period: expected ..., got "fast"</c>.</summary>
        public override string ToString()
        {
            return this.Line == 0 ? this.Describe() : "line " + this.Line.ToString() + " " + this.Describe();
        }
    }
}
