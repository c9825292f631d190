using System.Numerics;
using System.Security.Cryptography;

namespace Ledger.Integrity;

/// <summary>
/// The Merkle tree of RFC 6962 §2.1 (RFC 9162 §2.1): leaf = SHA-256(0x00 ‖ entry), node = SHA-256(0x01 ‖ left ‖ right);
/// a tree of n leaves splits at the largest power of two below n. Every subtree the proofs need is a run of perfect,
/// aligned subtrees (level, index), so the log stores those and answers any proof with a few lookups.
/// </summary>
public static class MerkleTree
{
    public static readonly byte[] EmptyRoot = SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> entry)
    {
        var buffer = new byte[entry.Length + 1];
        entry.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[65];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[33..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two strictly below n (n ≥ 2).</summary>
    static long Split(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>The perfect aligned subtrees (level, index) that make up the leaves [start, end), left to right.</summary>
    public static IEnumerable<(int Level, long Index)> PerfectRun(long start, long end)
    {
        while (start < end)
        {
            var level = 63 - BitOperations.LeadingZeroCount((ulong)(end - start));
            // Aligned by construction: every range a proof asks for starts at a multiple of its next power of two.
            while (level > 0 && start % (1L << level) != 0) level--;
            yield return (level, start >> level);
            start += 1L << level;
        }
    }

    /// <summary>The hash of a run of subtrees, folded from the right as RFC 6962's recursion builds it.</summary>
    public static byte[] FoldRight(IReadOnlyList<byte[]> run)
    {
        if (run.Count == 0) return EmptyRoot;
        var hash = run[^1];
        for (var i = run.Count - 2; i >= 0; i--) hash = NodeHash(run[i], hash);
        return hash;
    }

    /// <summary>The subtree ranges [start, end) whose hashes make the inclusion proof of leaf m in a tree of n (PATH, RFC 6962 §2.1.1).</summary>
    public static List<(long Start, long End)> InclusionRanges(long m, long n)
    {
        var ranges = new List<(long, long)>();
        Path(m, 0, n, ranges);
        return ranges;

        static void Path(long m, long start, long end, List<(long, long)> ranges)
        {
            var n = end - start;
            if (n <= 1) return;
            var k = Split(n);
            if (m < k) { Path(m, start, start + k, ranges); ranges.Add((start + k, end)); }
            else { Path(m - k, start + k, end, ranges); ranges.Add((start, start + k)); }
        }
    }

    /// <summary>The subtree ranges of the consistency proof between trees of m and n leaves (PROOF, RFC 6962 §2.1.2).</summary>
    public static List<(long Start, long End)> ConsistencyRanges(long m, long n)
    {
        var ranges = new List<(long, long)>();
        if (0 < m && m < n) SubProof(m, 0, n, true, ranges);
        return ranges;

        static void SubProof(long m, long start, long end, bool whole, List<(long, long)> ranges)
        {
            var n = end - start;
            if (m == n)
            {
                if (!whole) ranges.Add((start, end));
                return;
            }
            var k = Split(n);
            if (m <= k) { SubProof(m, start, start + k, whole, ranges); ranges.Add((start + k, end)); }
            else { SubProof(m - k, start + k, end, false, ranges); ranges.Add((start, start + k)); }
        }
    }

    /// <summary>Checks an inclusion proof (RFC 9162 §2.1.3.2).</summary>
    public static bool VerifyInclusion(long index, long treeSize, byte[] leafHash, IReadOnlyList<byte[]> proof, byte[] root)
    {
        if (index < 0 || index >= treeSize) return false;
        long fn = index, sn = treeSize - 1;
        var r = leafHash;
        foreach (var p in proof)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else r = NodeHash(r, p);
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>Checks a consistency proof between an older tree (m, first) and a newer one (n, second) (RFC 9162 §2.1.4.2).</summary>
    public static bool VerifyConsistency(long m, long n, byte[] first, byte[] second, IReadOnlyList<byte[]> proof)
    {
        if (m < 0 || m > n) return false;
        if (m == n) return proof.Count == 0 && first.AsSpan().SequenceEqual(second);
        if (m == 0) return proof.Count == 0;
        if (proof.Count == 0) return false;
        var path = (m & (m - 1)) == 0 ? [first, .. proof] : proof.ToList();
        long fn = m - 1, sn = n - 1;
        while ((fn & 1) == 1) { fn >>= 1; sn >>= 1; }
        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else sr = NodeHash(sr, c);
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(first) && sr.AsSpan().SequenceEqual(second);
    }

    /// <summary>The root of a list of leaf hashes (the recursion of RFC 6962, for checks and tests).</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves)
    {
        var frontier = new Frontier();
        foreach (var leaf in leaves) frontier.Append(leaf);
        return frontier.Root();
    }
}

/// <summary>
/// A compact view of a growing tree: the roots of its perfect subtrees, largest first (one per set bit of its size).
/// Appending a leaf merges equal neighbours, and each merge completes a stored node.
/// </summary>
public sealed class Frontier
{
    readonly List<byte[]> _roots = [];

    public long Size { get; private set; }

    public IReadOnlyList<byte[]> Roots => _roots;

    public Frontier() { }

    public Frontier(long size, IEnumerable<byte[]> roots)
    {
        Size = size;
        _roots.AddRange(roots);
        if (_roots.Count != BitOperations.PopCount((ulong)size)) throw new InvalidOperationException($"A tree of {size} leaves has {BitOperations.PopCount((ulong)size)} perfect subtrees, not {_roots.Count}.");
    }

    /// <summary>Appends a leaf hash; calls <paramref name="completed"/> with each interior node (level, index, hash) it completes.</summary>
    public void Append(byte[] leafHash, Action<int, long, byte[]>? completed = null)
    {
        var index = Size;
        _roots.Add(leafHash);
        var level = 0;
        for (var size = index; (size & 1) == 1; size >>= 1)
        {
            var right = _roots[^1];
            var left = _roots[^2];
            _roots.RemoveRange(_roots.Count - 2, 2);
            var node = MerkleTree.NodeHash(left, right);
            _roots.Add(node);
            level++;
            completed?.Invoke(level, index >> level, node);
        }
        Size++;
    }

    public byte[] Root() => MerkleTree.FoldRight(_roots);

    public byte[] Packed() => [.. _roots.SelectMany(r => r)];

    public static Frontier Unpack(long size, byte[] packed) =>
        new(size, Enumerable.Range(0, packed.Length / 32).Select(i => packed[(i * 32)..((i + 1) * 32)]));
}
