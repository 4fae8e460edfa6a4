import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.zookeeper.ZooKeeper;

/** W1-W5 with the asynchronous API, one request per node, WINDOW of them in flight (see {@link Pipelined}). */
final class AsyncWorkloads implements Workloads {
    private final Pipelined pipelined;
    private final BenchTree tree;

    AsyncWorkloads(ZooKeeper zk, BenchTree tree) {
        this.pipelined = new Pipelined(zk);
        this.tree = tree;
    }

    /** W1: /bench, the folders and the leaves in one stream; the server applies a session's requests in order, so parents exist first. */
    @Override
    public int createTree() throws InterruptedException, BenchmarkFailure {
        pipelined.create(tree.allNodes, BenchTree::initialValue);
        return tree.allNodes.size();
    }

    /** W2: getData of every leaf. */
    @Override
    public List<Read> readLeaves() throws InterruptedException, BenchmarkFailure {
        return Arrays.asList(pipelined.getData(tree.leaves));
    }

    /**
     * W3: every node below /bench with its stat, level by level. One getChildren per node gives both the node's stat
     * and its children, so the walk needs no other request.
     */
    @Override
    public List<Listed> listTree() throws InterruptedException, BenchmarkFailure {
        List<Listed> listed = new ArrayList<>();
        List<String> level = childPaths(List.of(BenchTree.ROOT), pipelined.getChildren(List.of(BenchTree.ROOT)));
        while (!level.isEmpty()) {
            Pipelined.Children[] children = pipelined.getChildren(level);
            for (int i = 0; i < level.size(); i++) {
                listed.add(new Listed(level.get(i), children[i].stat()));
            }
            level = childPaths(level, children);
        }
        return listed;
    }

    /** W4: setData of every leaf. */
    @Override
    public void updateLeaves() throws InterruptedException, BenchmarkFailure {
        pipelined.setData(tree.leaves, BenchTree.UPDATED_VALUE);
    }

    /**
     * W5: find the nodes level by level (getChildren of every node, as in W3, starting at /bench), then delete them
     * one request each, the deepest level first: the server applies them in order, so children go before parents.
     */
    @Override
    public int deleteTree() throws InterruptedException, BenchmarkFailure {
        List<List<String>> levels = new ArrayList<>();
        List<String> level = List.of(BenchTree.ROOT);
        while (!level.isEmpty()) {
            levels.add(level);
            level = childPaths(level, pipelined.getChildren(level));
        }
        List<String> deepestFirst = new ArrayList<>();
        for (int depth = levels.size() - 1; depth >= 0; depth--) {
            deepestFirst.addAll(levels.get(depth));
        }
        pipelined.delete(deepestFirst);
        return deepestFirst.size();
    }

    private static List<String> childPaths(List<String> parents, Pipelined.Children[] children) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < parents.size(); i++) {
            for (String name : children[i].names()) {
                paths.add(BenchTree.childPath(parents.get(i), name));
            }
        }
        return paths;
    }
}
