/** A wrong result: the run fails with this message. */
final class BenchmarkFailure extends Exception {
    BenchmarkFailure(String message) {
        super(message);
    }
}
