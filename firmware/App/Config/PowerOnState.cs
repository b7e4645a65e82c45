namespace HomeNode.App.Config
{
    /// <summary>What a light does when the board starts (<c>power_on = off | on | restore</c>).</summary>
    public enum PowerOnState : byte
    {
        Off = 0,

        On = 1,

        /// <summary>The last state commanded before the restart, as stored on the board (off when nothing is stored).</summary>
        Restore = 2,
    }
}
