# The kazoo side of the recipe tests (Debian's python3-kazoo, run with /usr/bin/python3): one contender per process.
#   hold <path> <release-node> <kind>     take the lock, say "held", release it once <release-node> exists
#   acquire <path> <timeout> <kind>       say "acquired" and the contenders (then release), or "timeout"
#   rounds <path> <counter> <n> <log>     n times under the lock: mark the critical section, counter += 1; log enter/exit
#   lease <path> <max> <release-node>     take a lease of kazoo's Semaphore, say "held", release it once <release-node> exists
#   leases <path> <max> <n> <log>         n times: hold a lease for 20 ms; log enter/exit
#   elect <path> <timeout>                run for kazoo's Election; say "leader" and the contenders, or "timeout"
#   add <path> <n>                        n times kazoo's Counter += 1
# kind is lock, read or write (kazoo's Lock, ReadLock, WriteLock). ZK_HOSTS names the servers, ZK_SESSION_TIMEOUT
# the session timeout in seconds.
import os
import sys
import time

from kazoo.client import KazooClient
from kazoo.exceptions import LockTimeout, NodeExistsError


def say(*words):
    print(*words, flush=True)


def connect():
    zk = KazooClient(hosts=os.environ['ZK_HOSTS'], timeout=float(os.environ.get('ZK_SESSION_TIMEOUT', '10')))
    zk.start(timeout=30)
    return zk


def new_lock(zk, kind, path, identifier):
    make = {'lock': zk.Lock, 'read': zk.ReadLock, 'write': zk.WriteLock}[kind]
    return make(path, identifier)


def hold(zk, path, release, kind):
    lock = new_lock(zk, kind, path, 'kazoo-holder')
    lock.acquire()
    say('held', lock.node)
    while not zk.exists(release):
        time.sleep(0.05)
    lock.release()
    say('released')


def acquire(zk, path, timeout, kind):
    lock = new_lock(zk, kind, path, 'kazoo-%d' % os.getpid())
    try:
        lock.acquire(timeout=float(timeout))
    except LockTimeout:
        say('timeout')
        return
    say('acquired', '|'.join(lock.contenders()))
    lock.release()


def rounds(zk, path, counter, count, log):
    lock = new_lock(zk, 'lock', path, 'kazoo-%d' % os.getpid())
    inside = path + '-inside'
    with open(log, 'w') as out:
        for _ in range(int(count)):
            with lock:
                enter = time.time()
                try:
                    zk.create(inside, ephemeral=True)
                except NodeExistsError:
                    out.write('overlap\n')
                value, _ = zk.get(counter)
                zk.set(counter, str(int(value.decode()) + 1).encode())
                zk.delete(inside)
                out.write('kazoo-%d %.6f %.6f\n' % (os.getpid(), enter, time.time()))
    say('done')


def lease(zk, path, max_leases, release):
    semaphore = zk.Semaphore(path, 'kazoo-holder', max_leases=int(max_leases))
    semaphore.acquire()
    say('held')
    while not zk.exists(release):
        time.sleep(0.05)
    semaphore.release()
    say('released')


def leases(zk, path, max_leases, count, log):
    semaphore = zk.Semaphore(path, 'kazoo-%d' % os.getpid(), max_leases=int(max_leases))
    with open(log, 'w') as out:
        for _ in range(int(count)):
            with semaphore:
                enter = time.time()
                time.sleep(0.02)
                out.write('kazoo-%d %.6f %.6f\n' % (os.getpid(), enter, time.time()))
    say('done')


def elect(zk, path, timeout):
    election = zk.Election(path, 'kazoo-%d' % os.getpid())
    # Election.run has no timeout; its lock (election.lock) is the election, so it is asked directly.
    try:
        election.lock.acquire(timeout=float(timeout))
    except LockTimeout:
        say('timeout', '|'.join(election.contenders()))
        return
    say('leader', '|'.join(election.contenders()))
    election.lock.release()


def add(zk, path, count):
    counter = zk.Counter(path)
    for _ in range(int(count)):
        counter += 1
    say('done')


if __name__ == '__main__':
    client = connect()
    {'hold': hold, 'acquire': acquire, 'rounds': rounds, 'lease': lease, 'leases': leases, 'elect': elect, 'add': add}[sys.argv[1]](client, *sys.argv[2:])
    client.stop()
