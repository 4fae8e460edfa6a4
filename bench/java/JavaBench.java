import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * The Java contender of the ZooKeeperPS benchmark (bench/Invoke-Benchmark.ps1 compiles and runs it): the official
 * client, Apache ZooKeeper's own, running W1-W5 on /bench/d000../bench/d099 with N/100 leaves of 64 bytes each, either
 * with the asynchronous API and a window of requests in flight (AsyncWorkloads) or with the blocking API in a loop
 * (BlockingWorkloads). An untimed first run on a tree of 1,000 leaves lets the JIT compile the hot paths, as the C#
 * contender does. Every workload is checked afterwards, outside the timed part. Prints
 * {"W1": {"ops": .., "seconds": ..}, ...} as JSON. Exit codes: 0 fine, 1 wrong result or failure, 2 bad usage.
 *
 * usage: java JavaBench CONNECTION_STRING N async|blocking
 */
public final class JavaBench {
    private static final int WARM_UP_LEAVES = 1000;
    private static final int SESSION_TIMEOUT_MS = 30_000;
    private static final int CONNECT_TIMEOUT_SECONDS = 15;

    /** One workload's figures, as every contender reports them. */
    private record Figures(int ops, double seconds) {
        static Figures since(int ops, long startedNanos) {
            return new Figures(ops, (System.nanoTime() - startedNanos) / 1e9);
        }
    }

    private JavaBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[2].matches("async|blocking") || !args[1].matches("\\d+")) {
            System.err.println("usage: java JavaBench CONNECTION_STRING N async|blocking");
            System.exit(2);
        }
        String mode = args[2];
        int exitCode = 0;
        ZooKeeper zk = connect(args[0]);
        try {
            BenchTree tree = new BenchTree(Integer.parseInt(args[1]));
            BenchTree warmUpTree = new BenchTree(WARM_UP_LEAVES);
            run(zk, warmUpTree, workloads(zk, warmUpTree, mode));
            System.out.println(toJson(run(zk, tree, workloads(zk, tree, mode))));
        } catch (BenchmarkFailure failure) {
            System.err.println("Java " + mode + ": WRONG RESULT: " + failure.getMessage());
            exitCode = 1;
        } catch (Exception failure) {
            System.err.println("Java " + mode + ": FAILED: " + failure);
            exitCode = 1;
        } finally {
            zk.close();
        }
        System.exit(exitCode);
    }

    private static ZooKeeper connect(String connectionString) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectionString, SESSION_TIMEOUT_MS, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            zk.close();
            throw new IllegalStateException("no session with " + connectionString + " within " + CONNECT_TIMEOUT_SECONDS + " s");
        }
        return zk;
    }

    private static Workloads workloads(ZooKeeper zk, BenchTree tree, String mode) {
        return mode.equals("async") ? new AsyncWorkloads(zk, tree) : new BlockingWorkloads(zk, tree);
    }

    /** Seconds and ops of each workload, W1 to W5 in order. */
    private static Map<String, Figures> run(ZooKeeper zk, BenchTree tree, Workloads workloads) throws Exception {
        TreeChecks checks = new TreeChecks(zk, tree);
        if (zk.exists(BenchTree.ROOT, false) != null) {
            throw new BenchmarkFailure(BenchTree.ROOT + " exists before the benchmark; it needs an empty server");
        }
        Map<String, Figures> results = new LinkedHashMap<>();

        long started = System.nanoTime();
        int created = workloads.createTree();
        results.put("W1", Figures.since(created, started));
        checks.treeOnServer(BenchTree.CREATED_VALUE, 0);

        started = System.nanoTime();
        var reads = workloads.readLeaves();
        results.put("W2", Figures.since(tree.leaves.size(), started));
        checks.reads(reads);

        started = System.nanoTime();
        var listed = workloads.listTree();
        results.put("W3", Figures.since(tree.nodesBelowRoot(), started));
        checks.listing(listed);

        started = System.nanoTime();
        workloads.updateLeaves();
        results.put("W4", Figures.since(tree.leaves.size(), started));
        checks.treeOnServer(BenchTree.UPDATED_VALUE, 1);

        started = System.nanoTime();
        int deleted = workloads.deleteTree();
        results.put("W5", Figures.since(deleted, started));
        checks.absent();
        return results;
    }

    private static String toJson(Map<String, Figures> results) {
        StringJoiner json = new StringJoiner(", ", "{", "}");
        results.forEach((workload, figures) -> json.add(String.format(Locale.ROOT,
                "\"%s\": {\"ops\": %d, \"seconds\": %.4f}", workload, figures.ops(), figures.seconds())));
        return json.toString();
    }
}
