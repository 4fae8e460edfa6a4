"""kazoo side of bench/Invoke-SubtreeBenchmark.ps1.

seed HOSTS ROOT N      creates ROOT with N/100 folders of 100 leaves (64 bytes each), pipelined
copy SRC SRCROOT DST DSTROOT
                       the reference copy: walks the source (get_children, get, get_acls, all async, up to 1,000
                       requests in flight), creates each node at the destination with its data and ACL (async, 1,000
                       in flight), parents before children; prints one JSON line with nodes, seconds, peak RSS
"""
import json
import sys
import time
from collections import deque

from kazoo.client import KazooClient

WINDOW = 1000


def start(hosts):
    zk = KazooClient(hosts=hosts, timeout=30)
    zk.start(timeout=30)
    return zk


def reset_peak():
    try:
        with open('/proc/self/clear_refs', 'w') as f:
            f.write('5')
    except OSError:
        pass


def peak_bytes():
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) * 1024
    return 0


def seed(hosts, root, n):
    zk = start(hosts)
    zk.create(root, b'')
    pending = deque()
    value = b'x' * 64
    for folder in range(n // 100):
        path = '%s/d%03d' % (root, folder)
        zk.create(path, b'')
        for leaf in range(100):
            pending.append(zk.create_async('%s/n%03d' % (path, leaf), value))
            while len(pending) >= WINDOW:
                pending.popleft().get()
    while pending:
        pending.popleft().get()
    zk.stop()


def copy(source_hosts, source_root, destination_hosts, destination_root):
    source = start(source_hosts)
    destination = start(destination_hosts)
    reset_peak()
    began = time.perf_counter()
    nodes = 0
    # Breadth first: every parent is created before its children are read, so creates follow reads in order.
    level = [(source_root, destination_root)]
    while level:
        reads = deque()
        for src, dst in level:
            reads.append((src, dst, source.get_async(src), source.get_acls_async(src), source.get_children_async(src)))
        creates = deque()
        next_level = []
        for src, dst, data, acls, children in reads:
            value, _ = data.get()
            acl, _ = acls.get()
            creates.append(destination.create_async(dst, value, acl=acl))
            while len(creates) >= WINDOW:
                creates.popleft().get()
            nodes += 1
            for child in children.get():
                next_level.append((src.rstrip('/') + '/' + child, dst.rstrip('/') + '/' + child))
        while creates:
            creates.popleft().get()
        level = next_level
    seconds = time.perf_counter() - began
    print(json.dumps({'nodes': nodes, 'seconds': seconds, 'peakBytes': peak_bytes()}))
    source.stop()
    destination.stop()


if __name__ == '__main__':
    if sys.argv[1] == 'seed':
        seed(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        copy(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
