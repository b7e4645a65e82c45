using HomeNode.App.Queue;

namespace HomeNode.Tests.App
{
    public static class OfflineQueueTests
    {
        private static void Add(OfflineQueue queue, int topicId, string payload)
        {
            byte[] bytes = Ascii.Bytes("__" + payload);
            Check.True(queue.Enqueue(topicId, bytes, 2, payload.Length), "enqueue " + payload);
        }

        private static void ExpectOldest(OfflineQueue queue, int topicId, string payload)
        {
            int id;
            int offset;
            int length;
            Check.True(queue.TryPeekOldest(out id, out offset, out length), "peek " + payload);
            Check.Equal((long)topicId, (long)id, "topic id of " + payload);
            Ascii.Equal(payload, queue.PayloadStorage, offset, length, "payload " + payload);
        }

        private static void Drain(OfflineQueue queue, int topicId, string payload)
        {
            ExpectOldest(queue, topicId, payload);
            Check.True(queue.RemoveOldest(), "remove " + payload);
        }

        public static void KeepsOrder()
        {
            OfflineQueue queue = new OfflineQueue(4, 8);
            Add(queue, 1, "21.3");
            Add(queue, 2, "45");
            Add(queue, 1, "21.4");
            Check.Equal(3L, queue.Count, "count");
            Drain(queue, 1, "21.3");
            Drain(queue, 2, "45");
            Drain(queue, 1, "21.4");
            Check.Equal(0L, queue.Count, "empty");
            Check.Equal(0L, queue.DroppedCount, "nothing dropped");
        }

        public static void PeekDoesNotRemove()
        {
            OfflineQueue queue = new OfflineQueue(2, 8);
            Add(queue, 7, "ON");
            ExpectOldest(queue, 7, "ON");
            ExpectOldest(queue, 7, "ON");
            Check.Equal(1L, queue.Count, "still there");
        }

        public static void DropsTheOldestWhenFull()
        {
            OfflineQueue queue = new OfflineQueue(3, 8);
            Add(queue, 1, "a");
            Add(queue, 2, "bb");
            Add(queue, 3, "ccc");
            Add(queue, 4, "dddd");
            Add(queue, 5, "eeeee");
            Check.Equal(3L, queue.Count, "count stays at capacity");
            Check.Equal(2L, queue.DroppedCount, "two dropped");
            Drain(queue, 3, "ccc");
            Drain(queue, 4, "dddd");
            Drain(queue, 5, "eeeee");
            Check.False(queue.RemoveOldest(), "remove from empty");
        }

        public static void WrapsAroundManyTimes()
        {
            OfflineQueue queue = new OfflineQueue(5, 4);
            byte[] payload = new byte[4];
            int nextToRead = 0;
            for (int i = 0; i < 1000; i++)
            {
                payload[0] = (byte)i;
                payload[1] = (byte)(i >> 8);
                Check.True(queue.Enqueue(i, payload, 0, 1 + (i % 4)), "enqueue " + i.ToString());
                if (i % 3 == 0)
                {
                    int id;
                    int offset;
                    int length;
                    Check.True(queue.TryPeekOldest(out id, out offset, out length), "peek at " + i.ToString());
                    Check.True(id >= nextToRead, "in order at " + i.ToString());
                    Check.Equal((long)(1 + (id % 4)), (long)length, "length of " + id.ToString());
                    Check.Equal((long)(byte)id, (long)queue.PayloadStorage[offset], "first byte of " + id.ToString());
                    nextToRead = id + 1;
                    queue.RemoveOldest();
                }
            }

            // the last iteration (999) enqueued into a full queue, then removed one
            Check.Equal(4L, queue.Count, "count at the end");
            int last;
            int lastOffset;
            int lastLength;
            queue.TryPeekOldest(out last, out lastOffset, out lastLength);
            Check.Equal(996L, (long)last, "oldest kept");
            Check.Equal(1000L - 334L - 4L, queue.DroppedCount, "dropped = enqueued - removed - kept");
        }

        public static void RejectsOversizedPayloads()
        {
            OfflineQueue queue = new OfflineQueue(2, 4);
            byte[] five = Ascii.Bytes("12345");
            Check.False(queue.Enqueue(1, five, 0, 5), "5 bytes in 4-byte entries");
            Check.False(queue.Enqueue(1, five, 3, 3), "range past the end");
            Check.False(queue.Enqueue(1, null, 0, 0), "null");
            Check.Equal(0L, queue.Count, "nothing stored");
            Check.True(queue.Enqueue(1, five, 1, 4), "4 bytes fit");
            Check.True(queue.Enqueue(1, five, 0, 0), "empty payload");
            Check.Equal(2L, queue.Count, "two stored");
        }

        public static void ClearEmptiesButKeepsTheDropCount()
        {
            OfflineQueue queue = new OfflineQueue(1, 4);
            Add(queue, 1, "a");
            Add(queue, 2, "b");
            queue.Clear();
            int id;
            int offset;
            int length;
            Check.Equal(0L, queue.Count, "count");
            Check.False(queue.TryPeekOldest(out id, out offset, out length), "peek after clear");
            Check.Equal(1L, queue.DroppedCount, "drop count kept");
            Add(queue, 9, "z");
            Drain(queue, 9, "z");
        }

        public static void RejectsBadConstruction()
        {
            Check.Throws(typeof(System.ArgumentOutOfRangeException), ZeroCapacity, "capacity 0");
            Check.Throws(typeof(System.ArgumentOutOfRangeException), ZeroPayload, "payload 0");
        }

        private static void ZeroCapacity()
        {
            new OfflineQueue(0, 8);
        }

        private static void ZeroPayload()
        {
            new OfflineQueue(8, 0);
        }
    }
}
