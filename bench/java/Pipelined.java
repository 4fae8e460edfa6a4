import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * The Java client's asynchronous API with at most WINDOW requests in flight: a Semaphore permit is taken before each
 * request and given back by its callback. Each method issues one request per path, in order, and returns when every
 * reply has arrived; a reply other than OK fails it (the first such reply is reported).
 */
final class Pipelined {
    static final int WINDOW = 1000;

    /** What one getChildren returned: the child names and the stat of the node itself. */
    record Children(List<String> names, Stat stat) {
    }

    private final ZooKeeper zk;
    private final Semaphore permits = new Semaphore(WINDOW);
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    Pipelined(ZooKeeper zk) {
        this.zk = zk;
    }

    void create(List<String> paths, IntFunction<byte[]> valueOfIndex) throws InterruptedException, BenchmarkFailure {
        for (int i = 0; i < paths.size(); i++) {
            permits.acquire();
            zk.create(paths.get(i), valueOfIndex.apply(i), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                    (int rc, String path, Object context, String name) -> completed(rc, path), null);
        }
        awaitAll("create");
    }

    Workloads.Read[] getData(List<String> paths) throws InterruptedException, BenchmarkFailure {
        Workloads.Read[] reads = new Workloads.Read[paths.size()];
        for (int i = 0; i < paths.size(); i++) {
            int index = i;
            permits.acquire();
            zk.getData(paths.get(i), false, (rc, path, context, data, stat) -> {
                reads[index] = new Workloads.Read(data, stat);
                completed(rc, path);
            }, null);
        }
        awaitAll("getData");
        return reads;
    }

    Children[] getChildren(List<String> paths) throws InterruptedException, BenchmarkFailure {
        Children[] children = new Children[paths.size()];
        for (int i = 0; i < paths.size(); i++) {
            int index = i;
            permits.acquire();
            zk.getChildren(paths.get(i), false, (int rc, String path, Object context, List<String> names, Stat stat) -> {
                children[index] = new Children(names, stat);
                completed(rc, path);
            }, null);
        }
        awaitAll("getChildren");
        return children;
    }

    void setData(List<String> paths, byte[] value) throws InterruptedException, BenchmarkFailure {
        for (String node : paths) {
            permits.acquire();
            zk.setData(node, value, -1, (rc, path, context, stat) -> completed(rc, path), null);
        }
        awaitAll("setData");
    }

    void delete(List<String> paths) throws InterruptedException, BenchmarkFailure {
        for (String node : paths) {
            permits.acquire();
            zk.delete(node, -1, (rc, path, context) -> completed(rc, path), null);
        }
        awaitAll("delete");
    }

    /** Runs on the client's event thread, once per reply. */
    private void completed(int rc, String path) {
        if (rc != KeeperException.Code.OK.intValue()) {
            firstFailure.compareAndSet(null, path + ": " + KeeperException.Code.get(rc));
        }
        permits.release();
    }

    /** Every permit back means every reply has arrived (and its callback's writes are visible here). */
    private void awaitAll(String operation) throws InterruptedException, BenchmarkFailure {
        permits.acquire(WINDOW);
        permits.release(WINDOW);
        String failure = firstFailure.getAndSet(null);
        if (failure != null) {
            throw new BenchmarkFailure(operation + " failed: " + failure);
        }
    }
}
