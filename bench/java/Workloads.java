import java.util.List;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/** The five workloads, as one way of driving the Java client does them. */
interface Workloads {
    /** The data and stat one read returned. */
    record Read(byte[] data, Stat stat) {
    }

    /** A node a listing yielded, with its stat. */
    record Listed(String path, Stat stat) {
    }

    /** W1: create /bench, the folders and the leaves; returns how many nodes were created. */
    int createTree() throws KeeperException, InterruptedException, BenchmarkFailure;

    /** W2: data and stat of every leaf, in the order of the tree's leaves. */
    List<Read> readLeaves() throws KeeperException, InterruptedException, BenchmarkFailure;

    /** W3: every node below /bench with its stat. */
    List<Listed> listTree() throws KeeperException, InterruptedException, BenchmarkFailure;

    /** W4: new data for every leaf. */
    void updateLeaves() throws KeeperException, InterruptedException, BenchmarkFailure;

    /** W5: delete /bench recursively, not knowing its shape; returns how many nodes were deleted. */
    int deleteTree() throws KeeperException, InterruptedException, BenchmarkFailure;
}
