import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZKUtil;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/** W1-W5 with the blocking API in a loop: one request at a time, each waiting for its reply. */
final class BlockingWorkloads implements Workloads {
    /** ZKUtil's batch size; 1,000 is also what zkCli's deleteall passes it. */
    private static final int DELETE_BATCH = 1000;

    private final ZooKeeper zk;
    private final BenchTree tree;

    BlockingWorkloads(ZooKeeper zk, BenchTree tree) {
        this.zk = zk;
        this.tree = tree;
    }

    @Override
    public int createTree() throws KeeperException, InterruptedException {
        for (int i = 0; i < tree.allNodes.size(); i++) {
            zk.create(tree.allNodes.get(i), BenchTree.initialValue(i), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        return tree.allNodes.size();
    }

    @Override
    public List<Read> readLeaves() throws KeeperException, InterruptedException {
        List<Read> reads = new ArrayList<>(tree.leaves.size());
        for (String leaf : tree.leaves) {
            Stat stat = new Stat();
            reads.add(new Read(zk.getData(leaf, false, stat), stat));
        }
        return reads;
    }

    /** W3: depth first, one getChildren per node, which gives the node's stat and its children. */
    @Override
    public List<Listed> listTree() throws KeeperException, InterruptedException {
        List<Listed> listed = new ArrayList<>();
        walk(BenchTree.ROOT, zk.getChildren(BenchTree.ROOT, false), listed);
        return listed;
    }

    @Override
    public void updateLeaves() throws KeeperException, InterruptedException {
        for (String leaf : tree.leaves) {
            zk.setData(leaf, BenchTree.UPDATED_VALUE, -1);
        }
    }

    /**
     * W5: the library's recursive delete, ZKUtil.deleteRecursive (what zkCli's deleteall runs): it lists the tree
     * with one blocking getChildren per node, then deletes it in multi requests of DELETE_BATCH deletes, up to 10 in flight.
     * It does not say how many nodes it deleted: the count is the tree's, which the check that /bench is gone confirms.
     */
    @Override
    public int deleteTree() throws KeeperException, InterruptedException, BenchmarkFailure {
        if (!ZKUtil.deleteRecursive(zk, BenchTree.ROOT, DELETE_BATCH)) {
            throw new BenchmarkFailure("ZKUtil.deleteRecursive reported a failed batch");
        }
        return tree.allNodes.size();
    }

    private void walk(String parent, List<String> names, List<Listed> listed) throws KeeperException, InterruptedException {
        for (String name : names) {
            String child = BenchTree.childPath(parent, name);
            Stat stat = new Stat();
            List<String> grandchildren = zk.getChildren(child, false, stat);
            listed.add(new Listed(child, stat));
            walk(child, grandchildren, listed);
        }
    }
}
