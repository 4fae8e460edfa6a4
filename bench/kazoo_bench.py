#!/usr/bin/python3
"""kazoo contender of the ZooKeeperPS benchmark (bench/Invoke-Benchmark.ps1 runs it).

Runs the workloads W1-W5 on /bench/d000../bench/d099 with N/100 leaves of 64 bytes each, the way a kazoo user
writes them: either kazoo's plain blocking calls in a loop, or its *_async calls with a window of requests in
flight. Checks the server's state (counts and data) after every workload, outside the timed part, and exits
non-zero with a message when anything is wrong. Prints {"W1": {"ops": .., "seconds": ..}, ...} as JSON.

usage: kazoo_bench.py CONNECTION_STRING N blocking|async
"""

import collections
import json
import logging
import sys
import time

try:
    from kazoo.client import KazooClient
except ImportError:
    print("kazoo is not installed (Debian: apt-get install python3-kazoo)", file=sys.stderr)
    sys.exit(3)

ROOT = "/bench"
FOLDERS = 100
WINDOW = 1000
CREATED_VALUE = b"c" * 64   # W1 writes this into every leaf
UPDATED_VALUE = b"u" * 64   # W4 overwrites it with this


class BenchmarkFailure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise BenchmarkFailure(message)


def folder_paths():
    return ["%s/d%03d" % (ROOT, i) for i in range(FOLDERS)]


def leaf_paths(leaves_per_folder):
    return ["%s/n%05d" % (folder, j) for folder in folder_paths() for j in range(leaves_per_folder)]


def windowed(calls, window=WINDOW):
    """Issues calls (each returns a kazoo IAsyncResult) keeping at most `window` in flight; returns results in order."""
    in_flight = collections.deque()
    results = []
    for call in calls:
        if len(in_flight) >= window:
            results.append(in_flight.popleft().get())
        in_flight.append(call())
    while in_flight:
        results.append(in_flight.popleft().get())
    return results


# ---- the workloads, blocking -------------------------------------------------------------------------------

def create_blocking(zk, folders, leaves):
    zk.create(ROOT, b"")
    for path in folders:
        zk.create(path, b"")
    for path in leaves:
        zk.create(path, CREATED_VALUE)
    return 1 + len(folders) + len(leaves)


def read_blocking(zk, leaves):
    return [zk.get(path) for path in leaves]


def walk_blocking(zk, path, listed):
    """Lists the tree under path with the stat of every node: get_children, then exists for each child."""
    for name in zk.get_children(path):
        child = path + "/" + name
        stat = zk.exists(child)
        listed.append((child, stat))
        if stat.numChildren > 0:
            walk_blocking(zk, child, listed)
    return listed


def update_blocking(zk, leaves):
    for path in leaves:
        zk.set(path, UPDATED_VALUE)


def delete_blocking(zk):
    zk.delete(ROOT, recursive=True)


# ---- the workloads, async with a window ----------------------------------------------------------------------

def create_async(zk, folders, leaves):
    zk.create(ROOT, b"")
    windowed(lambda p=p: zk.create_async(p, b"") for p in folders)
    windowed(lambda p=p: zk.create_async(p, CREATED_VALUE) for p in leaves)
    return 1 + len(folders) + len(leaves)


def read_async(zk, leaves):
    return windowed(lambda p=p: zk.get_async(p) for p in leaves)


def walk_async(zk):
    """Breadth first: get_children of every node of a level, then exists of every child, each level windowed."""
    listed = []
    parents = [ROOT]
    while parents:
        child_lists = windowed(lambda p=p: zk.get_children_async(p) for p in parents)
        children = [parent + "/" + name for parent, names in zip(parents, child_lists) for name in names]
        stats = windowed(lambda c=c: zk.exists_async(c) for c in children)
        listed.extend(zip(children, stats))
        parents = [child for child, stat in zip(children, stats) if stat.numChildren > 0]
    return listed


def update_async(zk, leaves):
    windowed(lambda p=p: zk.set_async(p, UPDATED_VALUE) for p in leaves)


def delete_async(zk, folders, leaves):
    windowed(lambda p=p: zk.delete_async(p) for p in leaves)
    windowed(lambda p=p: zk.delete_async(p) for p in folders)
    zk.delete(ROOT)


# ---- checks of the server's state (never timed) --------------------------------------------------------------

def verify_tree(zk, folders, leaves, expected_value, expected_version):
    """Every folder holds exactly its leaves, and every leaf holds expected_value at expected_version."""
    names = sorted(zk.get_children(ROOT))
    check(names == sorted(p.rsplit("/", 1)[1] for p in folders),
          "%s has %d children, expected %d folders" % (ROOT, len(names), len(folders)))
    per_folder = len(leaves) // len(folders)
    for folder, children in zip(folders, windowed(lambda f=f: zk.get_children_async(f) for f in folders)):
        check(len(children) == per_folder, "%s has %d children, expected %d" % (folder, len(children), per_folder))
    for path, (data, stat) in zip(leaves, windowed(lambda p=p: zk.get_async(p) for p in leaves)):
        check(data == expected_value, "%s holds %r, expected %r" % (path, data[:16], expected_value[:16]))
        check(stat.version == expected_version,
              "%s has version %d, expected %d" % (path, stat.version, expected_version))


def verify_reads(leaves, results):
    check(len(results) == len(leaves), "read %d leaves, expected %d" % (len(results), len(leaves)))
    for path, (data, stat) in zip(leaves, results):
        check(data == CREATED_VALUE, "reading %s gave %r" % (path, data[:16]))
        check(stat.dataLength == 64, "the stat of %s says %d bytes" % (path, stat.dataLength))


def verify_listing(folders, leaves, listed):
    expected = set(folders) | set(leaves)
    paths = [path for path, _ in listed]
    check(len(paths) == len(expected) and set(paths) == expected,
          "listed %d nodes (%d distinct), expected %d" % (len(paths), len(set(paths)), len(expected)))
    per_folder = len(leaves) // len(folders)
    for path, stat in listed:
        if path in folders:
            check(stat.numChildren == per_folder, "the stat of %s says %d children" % (path, stat.numChildren))
        else:
            check(stat.dataLength == 64, "the stat of %s says %d bytes" % (path, stat.dataLength))


def verify_deleted(zk):
    check(zk.exists(ROOT) is None, "%s still exists after the delete" % ROOT)


# ---- main ----------------------------------------------------------------------------------------------------

def timed(results, workload, ops, action):
    started = time.perf_counter()
    value = action()
    results[workload] = {"ops": ops, "seconds": round(time.perf_counter() - started, 4)}
    return value


def run(connection_string, n, mode):
    check(n >= FOLDERS and n % FOLDERS == 0, "N must be a positive multiple of %d" % FOLDERS)
    check(mode in ("blocking", "async"), "mode must be blocking or async")
    folders = folder_paths()
    leaves = leaf_paths(n // FOLDERS)
    listed_count = len(folders) + len(leaves)
    zk = KazooClient(hosts=connection_string, timeout=30.0)
    zk.start(timeout=15)
    try:
        check(zk.exists(ROOT) is None, "%s exists before the benchmark; it needs an empty server" % ROOT)
        results = {}
        if mode == "blocking":
            timed(results, "W1", 1 + listed_count, lambda: create_blocking(zk, folders, leaves))
            verify_tree(zk, folders, leaves, CREATED_VALUE, 0)
            verify_reads(leaves, timed(results, "W2", len(leaves), lambda: read_blocking(zk, leaves)))
            verify_listing(folders, leaves, timed(results, "W3", listed_count, lambda: walk_blocking(zk, ROOT, [])))
            timed(results, "W4", len(leaves), lambda: update_blocking(zk, leaves))
            verify_tree(zk, folders, leaves, UPDATED_VALUE, 1)
            timed(results, "W5", 1 + listed_count, lambda: delete_blocking(zk))
        else:
            timed(results, "W1", 1 + listed_count, lambda: create_async(zk, folders, leaves))
            verify_tree(zk, folders, leaves, CREATED_VALUE, 0)
            verify_reads(leaves, timed(results, "W2", len(leaves), lambda: read_async(zk, leaves)))
            verify_listing(folders, leaves, timed(results, "W3", listed_count, lambda: walk_async(zk)))
            timed(results, "W4", len(leaves), lambda: update_async(zk, leaves))
            verify_tree(zk, folders, leaves, UPDATED_VALUE, 1)
            timed(results, "W5", 1 + listed_count, lambda: delete_async(zk, folders, leaves))
        verify_deleted(zk)
        return results
    finally:
        zk.stop()
        zk.close()


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING)
    try:
        results = run(argv[1], int(argv[2]), argv[3])
    except BenchmarkFailure as failure:
        print("kazoo %s: WRONG RESULT: %s" % (argv[3], failure), file=sys.stderr)
        return 1
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
