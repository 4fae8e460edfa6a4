import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/** Checks of counts and data after each workload, never timed; each throws BenchmarkFailure saying what is wrong. */
final class TreeChecks {
    private final ZooKeeper zk;
    private final Pipelined pipelined;
    private final BenchTree tree;

    TreeChecks(ZooKeeper zk, BenchTree tree) {
        this.zk = zk;
        this.pipelined = new Pipelined(zk);
        this.tree = tree;
    }

    /** The server holds exactly the tree, every leaf with the expected value at the expected version. */
    void treeOnServer(byte[] expectedValue, int expectedVersion) throws InterruptedException, BenchmarkFailure {
        List<String> folderNames = pipelined.getChildren(List.of(BenchTree.ROOT))[0].names();
        check(sameNames(folderNames, tree.folders),
                BenchTree.ROOT + " has " + folderNames.size() + " children, expected the " + tree.folders.size() + " folders");
        Pipelined.Children[] children = pipelined.getChildren(tree.folders);
        for (int i = 0; i < tree.folders.size(); i++) {
            check(sameNames(children[i].names(), tree.leavesOf(i)), tree.folders.get(i) + " has " + children[i].names().size()
                    + " children, expected its " + tree.leavesPerFolder + " leaves");
        }
        Workloads.Read[] reads = pipelined.getData(tree.leaves);
        for (int i = 0; i < reads.length; i++) {
            check(Arrays.equals(reads[i].data(), expectedValue), tree.leaves.get(i) + " holds the wrong data");
            check(reads[i].stat().getVersion() == expectedVersion,
                    tree.leaves.get(i) + " has version " + reads[i].stat().getVersion() + ", expected " + expectedVersion);
        }
    }

    /** W2 returned the data and stat of every leaf, in order. */
    void reads(List<Workloads.Read> reads) throws BenchmarkFailure {
        check(reads.size() == tree.leaves.size(), "read " + reads.size() + " leaves, expected " + tree.leaves.size());
        for (int i = 0; i < reads.size(); i++) {
            Workloads.Read read = reads.get(i);
            check(Arrays.equals(read.data(), BenchTree.CREATED_VALUE), "reading " + tree.leaves.get(i) + " gave the wrong data");
            check(read.stat().getDataLength() == BenchTree.CREATED_VALUE.length,
                    "the stat of " + tree.leaves.get(i) + " says " + read.stat().getDataLength() + " bytes");
        }
    }

    /** W3 listed every node below /bench exactly once, each with its own stat. */
    void listing(List<Workloads.Listed> listed) throws BenchmarkFailure {
        Set<String> expected = new HashSet<>(tree.folders);
        expected.addAll(tree.leaves);
        Set<String> distinct = new HashSet<>();
        for (Workloads.Listed node : listed) {
            distinct.add(node.path());
        }
        check(listed.size() == expected.size() && distinct.equals(expected),
                "listed " + listed.size() + " nodes (" + distinct.size() + " distinct), expected " + expected.size());
        Set<String> folders = new HashSet<>(tree.folders);
        for (Workloads.Listed node : listed) {
            if (folders.contains(node.path())) {
                check(node.stat().getNumChildren() == tree.leavesPerFolder,
                        "the stat of " + node.path() + " says " + node.stat().getNumChildren() + " children");
            } else {
                check(node.stat().getDataLength() == BenchTree.CREATED_VALUE.length,
                        "the stat of " + node.path() + " says " + node.stat().getDataLength() + " bytes");
            }
        }
    }

    /** /bench is gone. */
    void absent() throws KeeperException, InterruptedException, BenchmarkFailure {
        check(zk.exists(BenchTree.ROOT, false) == null, BenchTree.ROOT + " still exists after the delete");
    }

    private static boolean sameNames(List<String> names, List<String> expectedPaths) {
        List<String> expectedNames = new ArrayList<>(expectedPaths.size());
        for (String path : expectedPaths) {
            expectedNames.add(BenchTree.name(path));
        }
        return new HashSet<>(names).equals(new HashSet<>(expectedNames)) && names.size() == expectedNames.size();
    }

    private static void check(boolean condition, String message) throws BenchmarkFailure {
        if (!condition) {
            throw new BenchmarkFailure(message);
        }
    }
}
