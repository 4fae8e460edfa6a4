# The kazoo side of the queue tests (Debian's python3-kazoo, run with /usr/bin/python3): one client per process.
#   put <path> <priority>:<value>...      kazoo's Queue.put of each value with its priority; say each node's name
#   get <path>                            kazoo's Queue.get until it returns None; say each value, then "empty"
#   consume <path> <go-node> <log> <ready-path>
#                                         make an ephemeral child of <ready-path>, wait for <go-node>, then
#                                         kazoo's Queue.get until the queue is empty; log each value
#   lput <path> <priority>:<value>...     kazoo's LockingQueue.put of each value with its priority
#   lget <path> <timeout> <then> [<release-node>]
#                                         kazoo's LockingQueue.get; say the value or "none"; then consume (say
#                                         "consumed"), or hold it until <release-node> exists and end the session
#   ldrain <path>                         kazoo's LockingQueue.get and consume until none comes in 1 s; say each value, then "empty"
# ZK_HOSTS names the servers.
import os
import sys
import time

from kazoo.client import KazooClient


def say(*words):
    print(*words, flush=True)


def connect():
    zk = KazooClient(hosts=os.environ['ZK_HOSTS'], timeout=10)
    zk.start(timeout=30)
    return zk


def put(zk, path, items):
    queue = zk.Queue(path)
    for item in items:
        priority, value = item.split(':', 1)
        queue.put(value.encode(), priority=int(priority))
    say(*sorted(zk.get_children(path)))


def get(zk, path):
    queue = zk.Queue(path)
    while True:
        value = queue.get()
        if value is None:
            break
        say(value.decode())
    say('empty')


def consume(zk, path, go, log, ready):
    queue = zk.Queue(path)
    zk.create(ready + '/kazoo-', ephemeral=True, sequence=True, makepath=True)
    while not zk.exists(go):
        time.sleep(0.01)
    with open(log, 'w') as out:
        while True:
            value = queue.get()
            if value is None:
                break
            out.write(value.decode() + '\n')
    say('done')


def lput(zk, path, items):
    queue = zk.LockingQueue(path)
    for item in items:
        priority, value = item.split(':', 1)
        queue.put(value.encode(), priority=int(priority))


def lget(zk, path, timeout, then, release=None):
    queue = zk.LockingQueue(path)
    value = queue.get(float(timeout))
    if value is None:
        say('none')
        return
    say(value.decode())
    if then == 'consume':
        say('consumed' if queue.consume() else 'lost')
    else:
        while not zk.exists(release):
            time.sleep(0.05)


def ldrain(zk, path):
    queue = zk.LockingQueue(path)
    while True:
        value = queue.get(1)
        if value is None:
            break
        queue.consume()
        say(value.decode())
    say('empty')


def main():
    zk = connect()
    command, path, *rest = sys.argv[1:]
    if command == 'put':
        put(zk, path, rest)
    elif command == 'get':
        get(zk, path)
    elif command == 'consume':
        consume(zk, path, rest[0], rest[1], rest[2])
    elif command == 'lput':
        lput(zk, path, rest)
    elif command == 'lget':
        lget(zk, path, *rest)
    elif command == 'ldrain':
        ldrain(zk, path)
    else:
        raise SystemExit('unknown command ' + command)
    zk.stop()


main()
