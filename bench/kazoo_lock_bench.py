#!/usr/bin/python3
"""kazoo contender of the lock workload of the ZooKeeperPS benchmark (bench/Invoke-Benchmark.ps1 runs it).

CONTENDERS threads, each with a session of its own, take and release kazoo's Lock on one path ROUNDS times each
(`with lock: pass`). Checks that no two held it at once (a shared flag set under the lock), and prints
{"contenders": .., "acquisitions": .., "seconds": ..} as JSON.

usage: kazoo_lock_bench.py CONNECTION_STRING PATH CONTENDERS ROUNDS
"""

import json
import logging
import sys
import threading
import time

from kazoo.client import KazooClient


def main(hosts, path, contenders, rounds):
    logging.basicConfig(level=logging.CRITICAL)
    clients = [KazooClient(hosts=hosts) for _ in range(contenders)]
    for client in clients:
        client.start(timeout=30)
    inside = [0]
    overlaps = [0]
    start_line = threading.Barrier(contenders + 1)

    def contend(client):
        lock = client.Lock(path, 'kazoo')
        start_line.wait()
        for _ in range(rounds):
            with lock:
                inside[0] += 1
                if inside[0] != 1:
                    overlaps[0] += 1
                inside[0] -= 1

    threads = [threading.Thread(target=contend, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    start_line.wait()
    started = time.monotonic()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    for client in clients:
        client.stop()
        client.close()
    if overlaps[0]:
        print('two contenders held the lock at once', file=sys.stderr)
        sys.exit(1)
    print(json.dumps({'contenders': contenders, 'acquisitions': contenders * rounds, 'seconds': seconds}))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
