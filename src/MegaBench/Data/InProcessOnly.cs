using System.Buffers;
using Microsoft.Extensions.Caching.Hybrid;

namespace MegaBench.Data;

/// <summary>
/// The "serializer" of results that are kept in this process's memory only, as shared immutable objects (types marked
/// <c>[ImmutableObject(true)]</c>, cached with the distributed cache disabled): HybridCache serializes whatever it keeps
/// in memory, even then, and an EF object graph (a round and its city, which lists its rounds) is not a tree JSON can
/// write. The payload is empty and is never read back.
/// </summary>
internal sealed class InProcessOnly<T> : IHybridCacheSerializer<T>
{
    public T Deserialize(ReadOnlySequence<byte> source) =>
        throw new NotSupportedException($"{typeof(T).Name} is cached in this process's memory only; it is never read back from bytes.");

    public void Serialize(T value, IBufferWriter<byte> target)
    {
    }
}
