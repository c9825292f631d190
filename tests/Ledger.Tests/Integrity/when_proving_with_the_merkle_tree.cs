using Ledger.Integrity;

namespace Ledger.Tests.Integrity;

/// <summary>RFC 6962 §2.1 as Certificate Transparency computes it, held against its published test vectors.</summary>
public sealed class when_proving_with_the_merkle_tree
{
    /// <summary>The leaves of certificate-transparency's Merkle test data, and the roots of their first n.</summary>
    static readonly byte[][] Entries = [.. new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }
        .Select(Convert.FromHexString)];

    static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    /// <summary>MTH of RFC 6962 §2.1 written as the RFC writes it, independent of the frontier the log keeps.</summary>
    static byte[] Mth(IReadOnlyList<byte[]> leafHashes, long start, long end)
    {
        if (end - start == 0) return MerkleTree.EmptyRoot;
        if (end - start == 1) return leafHashes[(int)start];
        long k = 1;
        while (k * 2 < end - start) k *= 2;
        return MerkleTree.NodeHash(Mth(leafHashes, start, start + k), Mth(leafHashes, start + k, end));
    }

    static List<byte[]> Leaves(int n) => [.. Enumerable.Range(0, n).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i)))];

    static List<byte[]> Hashes(IReadOnlyList<byte[]> leaves, IEnumerable<(long Start, long End)> ranges) =>
        [.. ranges.Select(r => Mth(leaves, r.Start, r.End))];

    [Fact]
    public void the_roots_are_certificate_transparencys()
    {
        var leaves = Entries.Select(e => MerkleTree.LeafHash(e)).ToList();
        for (var n = 1; n <= 8; n++) Assert.Equal(Roots[n - 1], Convert.ToHexStringLower(MerkleTree.Root(leaves[..n])));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleTree.Root([])));
    }

    [Fact]
    public void the_frontier_completes_every_perfect_subtree_once_and_agrees_with_the_recursion()
    {
        var leaves = Leaves(70);
        var frontier = new Frontier();
        var nodes = new Dictionary<(int, long), byte[]>();
        for (var i = 0; i < leaves.Count; i++)
        {
            frontier.Append(leaves[i], (level, index, hash) => nodes.Add((level, index), hash));
            Assert.Equal(Mth(leaves, 0, i + 1), frontier.Root());
            var again = Frontier.Unpack(frontier.Size, frontier.Packed());
            Assert.Equal(frontier.Root(), again.Root());
        }
        foreach (var ((level, index), hash) in nodes) Assert.Equal(Mth(leaves, index << level, (index + 1) << level), hash);
        Assert.Equal(70 - 3, nodes.Count);
    }

    [Fact]
    public void every_inclusion_proof_verifies_and_a_wrong_leaf_or_root_does_not()
    {
        var leaves = Leaves(33);
        for (long n = 1; n <= leaves.Count; n++)
        {
            var root = Mth(leaves, 0, n);
            for (long m = 0; m < n; m++)
            {
                var proof = Hashes(leaves, MerkleTree.InclusionRanges(m, n));
                Assert.True(MerkleTree.VerifyInclusion(m, n, leaves[(int)m], proof, root), $"leaf {m} of {n}");
                Assert.False(MerkleTree.VerifyInclusion(m, n, leaves[(int)((m + 1) % leaves.Count)], proof, root), $"another leaf at {m} of {n}");
                Assert.False(MerkleTree.VerifyInclusion(m, n, leaves[(int)m], proof, Mth(leaves, 0, n - 1 == 0 ? 2 : n - 1)));
            }
        }
    }

    [Fact]
    public void the_inclusion_proof_of_leaf_0_in_8_is_certificate_transparencys()
    {
        var leaves = Entries.Select(e => MerkleTree.LeafHash(e)).ToList();
        Assert.Equal(
            ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
            Hashes(leaves, MerkleTree.InclusionRanges(0, 8)).Select(Convert.ToHexStringLower));
    }

    [Fact]
    public void every_consistency_proof_verifies_and_a_rewritten_history_does_not()
    {
        var leaves = Leaves(33);
        var rewritten = leaves.ToList();
        rewritten[5] = MerkleTree.LeafHash("rewritten"u8);
        for (long n = 1; n <= leaves.Count; n++)
        for (long m = 1; m <= n; m++)
        {
            var proof = Hashes(leaves, MerkleTree.ConsistencyRanges(m, n));
            Assert.True(MerkleTree.VerifyConsistency(m, n, Mth(leaves, 0, m), Mth(leaves, 0, n), proof), $"{m} → {n}");
            if (m > 5 && m < n)
            {
                // An auditor holding the true root of m, shown the rewritten tree of n with its own proof, must refuse it.
                var forged = Hashes(rewritten, MerkleTree.ConsistencyRanges(m, n));
                Assert.False(MerkleTree.VerifyConsistency(m, n, Mth(leaves, 0, m), Mth(rewritten, 0, n), forged), $"forged {m} → {n}");
            }
        }
    }

    [Fact]
    public void the_ranges_a_proof_needs_are_runs_of_perfect_aligned_subtrees()
    {
        var leaves = Leaves(45);
        for (long n = 1; n <= leaves.Count; n++)
        foreach (var (start, end) in Enumerable.Range(0, (int)n).SelectMany(m => MerkleTree.InclusionRanges(m, n)).Concat(
                     Enumerable.Range(1, (int)n).SelectMany(m => MerkleTree.ConsistencyRanges(m, n))))
        {
            var run = MerkleTree.PerfectRun(start, end).ToList();
            Assert.Equal(end - start, run.Sum(r => 1L << r.Level));
            Assert.Equal(Mth(leaves, start, end), MerkleTree.FoldRight([.. run.Select(r => Mth(leaves, r.Index << r.Level, (r.Index + 1) << r.Level))]));
        }
    }
}
