using System;
using HomeNode.Mqtt;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.App
{
    /// <summary>A scripted transport whose calls throw on demand, as a device transport may for an unlisted exception.</summary>
    public sealed class ThrowingTransport : IMqttTransport
    {
        public readonly ScriptedTransport Inner = new ScriptedTransport(4096);
        public bool OpenThrows;
        public bool SendThrows;
        public bool ReceiveThrows;
        public bool CloseThrows;

        public bool Open()
        {
            Throw(this.OpenThrows);
            return this.Inner.Open();
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            Throw(this.SendThrows);
            return this.Inner.Send(buffer, offset, count);
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            Throw(this.ReceiveThrows);
            return this.Inner.Receive(buffer, offset, count);
        }

        public void Close()
        {
            this.Inner.Close();
            Throw(this.CloseThrows);
        }

        private static void Throw(bool really)
        {
            if (really)
            {
                throw new NotSupportedException("native");
            }
        }
    }
}
