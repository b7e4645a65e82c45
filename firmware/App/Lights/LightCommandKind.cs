namespace HomeNode.App.Lights
{
    public enum LightCommandKind : byte
    {
        /// <summary>The payload was not a command this firmware accepts; the caller counts it and ignores it.</summary>
        Invalid = 0,
        On,
        Off,
        Toggle,
    }
}
