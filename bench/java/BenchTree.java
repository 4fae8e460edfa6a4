import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The benchmark's tree: /bench/d000../bench/d099, each with N/100 leaves of 64 bytes. The same names and values as
 * bench/ZooKeeperPS.Bench/BenchTree.cs and bench/kazoo_bench.py, so every contender does the same work.
 */
final class BenchTree {
    static final String ROOT = "/bench";
    static final int FOLDER_COUNT = 100;

    /** What W1 writes into every leaf. */
    static final byte[] CREATED_VALUE = "c".repeat(64).getBytes(StandardCharsets.US_ASCII);

    /** What W4 overwrites it with. */
    static final byte[] UPDATED_VALUE = "u".repeat(64).getBytes(StandardCharsets.US_ASCII);

    private static final byte[] EMPTY = new byte[0];

    final int leavesPerFolder;
    final List<String> folders;
    final List<String> leaves;

    /** Every node, /bench first, then the folders, then the leaves: what W1 creates, parents before children. */
    final List<String> allNodes;

    BenchTree(int leafCount) throws BenchmarkFailure {
        if (leafCount < FOLDER_COUNT || leafCount % FOLDER_COUNT != 0) {
            throw new BenchmarkFailure("N must be a positive multiple of " + FOLDER_COUNT + ", not " + leafCount);
        }
        leavesPerFolder = leafCount / FOLDER_COUNT;
        List<String> folderPaths = new ArrayList<>(FOLDER_COUNT);
        List<String> leafPaths = new ArrayList<>(leafCount);
        for (int i = 0; i < FOLDER_COUNT; i++) {
            String folder = String.format("%s/d%03d", ROOT, i);
            folderPaths.add(folder);
            for (int j = 0; j < leavesPerFolder; j++) {
                leafPaths.add(String.format("%s/n%05d", folder, j));
            }
        }
        folders = Collections.unmodifiableList(folderPaths);
        leaves = Collections.unmodifiableList(leafPaths);
        List<String> nodes = new ArrayList<>(1 + FOLDER_COUNT + leafCount);
        nodes.add(ROOT);
        nodes.addAll(folders);
        nodes.addAll(leaves);
        allNodes = Collections.unmodifiableList(nodes);
    }

    /** The nodes below /bench: what a recursive listing yields. */
    int nodesBelowRoot() {
        return folders.size() + leaves.size();
    }

    /** The value W1 gives node i of {@link #allNodes}: nothing for /bench and the folders, CREATED_VALUE for leaves. */
    static byte[] initialValue(int nodeIndex) {
        return nodeIndex <= FOLDER_COUNT ? EMPTY : CREATED_VALUE;
    }

    /** The leaves of folder i, in order. */
    List<String> leavesOf(int folderIndex) {
        return leaves.subList(folderIndex * leavesPerFolder, (folderIndex + 1) * leavesPerFolder);
    }

    static String childPath(String parent, String name) {
        return parent + "/" + name;
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
