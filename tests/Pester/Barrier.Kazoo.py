# The kazoo side of the barrier tests (Debian's python3-kazoo, run with /usr/bin/python3): one client per process.
#   create <path>             kazoo's Barrier.create
#   remove <path>             kazoo's Barrier.remove; say "removed" or "absent"
#   wait <path> <timeout>     kazoo's Barrier.wait; say "cleared" or "timeout"
#   double <path> <n> <identifier> <log>
#                             kazoo's DoubleBarrier(n): enter, log "<identifier> entered <time>", leave, log
#                             "<identifier> left <time>"; say "done"
# ZK_HOSTS names the servers.
import os
import sys
import time

from kazoo.client import KazooClient


def say(*words):
    print(*words, flush=True)


def main():
    zk = KazooClient(hosts=os.environ['ZK_HOSTS'], timeout=10)
    zk.start(timeout=30)
    command, path, *rest = sys.argv[1:]
    barrier = zk.Barrier(path)
    if command == 'create':
        barrier.create()
    elif command == 'remove':
        say('removed' if barrier.remove() else 'absent')
    elif command == 'wait':
        say('cleared' if barrier.wait(float(rest[0])) else 'timeout')
    elif command == 'double':
        double = zk.DoubleBarrier(path, int(rest[0]), rest[1])
        with open(rest[2], 'w') as log:
            double.enter()
            log.write('%s entered %.6f\n' % (rest[1], time.time()))
            log.flush()
            double.leave()
            log.write('%s left %.6f\n' % (rest[1], time.time()))
        say('done')
    else:
        raise SystemExit('unknown command ' + command)
    zk.stop()


main()
