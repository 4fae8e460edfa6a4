# The kazoo side of the party tests (Debian's python3-kazoo, run with /usr/bin/python3): one member per process.
#   join <path> <identifier> <kind> <release-node>   join kazoo's Party (kind party) or ShallowParty (kind shallow);
#                                                    say "joined" and the node, leave once <release-node> exists, say "left"
#   members <path> <kind>                            say each member kazoo lists, in sorted order
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


def new_party(zk, kind, path, identifier=None):
    make = {'party': zk.Party, 'shallow': zk.ShallowParty}[kind]
    return make(path, identifier)


def join(zk, path, identifier, kind, release):
    party = new_party(zk, kind, path, identifier)
    party.join()
    say('joined', party.node)
    while not zk.exists(release):
        time.sleep(0.05)
    party.leave()
    say('left')


def members(zk, path, kind):
    for member in sorted(new_party(zk, kind, path)):
        say(member)


def main():
    zk = connect()
    command, path, *rest = sys.argv[1:]
    if command == 'join':
        join(zk, path, rest[0], rest[1], rest[2])
    elif command == 'members':
        members(zk, path, rest[0])
    else:
        raise SystemExit('unknown command ' + command)
    zk.stop()


main()
