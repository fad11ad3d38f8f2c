"""Connecting to Ray: a cluster named by address, or a local one that listens on loopback only.

Ray's own default on Linux is to take the machine's outward-facing address as the node's
address, and its core services (GCS, raylet, object manager, every worker's gRPC server) then
listen on every interface: anyone who can reach the machine can submit code to run. Passing
``_node_ip_address="127.0.0.1"`` to ``ray.init`` is not enough, because Ray 2.60 rewrites a
loopback node address into the outward one (``services.resolve_ip_for_localhost``) unless Ray
runs in its single-machine mode, which the environment variable
``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0`` selects on any platform. A local cluster started here
sets that variable before Ray is imported (and in Ray's own constant if it already was), starts
with ``_node_ip_address="127.0.0.1"``, no dashboard, and the dashboard's host (should anything
start it) on 127.0.0.1. :func:`non_loopback_listeners` checks the result from ``/proc``: the tests
assert that no process of the cluster listens anywhere but on loopback.

A cluster named by address (``auto`` or ``HOST:PORT``) is someone else's: it is joined as it is
and left running.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["LOOPBACK_ENV", "cluster_cpus", "connect", "non_loopback_listeners", "process_tree"]

#: Set before Ray is imported: keep the node's address on loopback (see the module docstring).
LOOPBACK_ENV = {"RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}


def _import_ray_for_loopback() -> Any:
    os.environ.update(LOOPBACK_ENV)
    import ray
    from ray._private import ray_constants

    # Ray reads the variable when it is first imported; a process that imported it earlier needs this.
    ray_constants.ENABLE_RAY_CLUSTER = False
    return ray


@contextmanager
def connect(address: str | None = None, *, num_cpus: int | None = None,
            object_store_memory: int | None = None) -> Iterator[Any]:
    """Yield the ``ray`` module connected to a cluster: ``address``'s, or a local loopback-only one.

    A local cluster is shut down on exit, with every process it started; a cluster joined by address
    is only disconnected from. When this process is already connected (a test session's cluster),
    that connection is used and left as it is. ``num_cpus`` and ``object_store_memory`` (bytes)
    size a local cluster (Ray's defaults: every core, 30% of memory).

    >>> with connect(num_cpus=1) as ray:  # doctest: +SKIP
    ...     ray.cluster_resources()["CPU"]
    1.0
    """
    import ray

    if ray.is_initialized():
        yield ray
        return
    if address is None:
        ray = _import_ray_for_loopback()
        ray.init(address="local", num_cpus=num_cpus, object_store_memory=object_store_memory,
                 _node_ip_address="127.0.0.1", include_dashboard=False,
                 dashboard_host="127.0.0.1", log_to_driver=False, configure_logging=False)
    else:
        ray.init(address=address, log_to_driver=False, configure_logging=False)
    try:
        yield ray
    finally:
        ray.shutdown()


def cluster_cpus(ray: Any) -> int:
    """CPUs the connected cluster offers (at least 1)."""
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def process_tree(root: int) -> list[int]:
    """``root`` and every process descended from it, from ``/proc`` (Linux).

    >>> os.getpid() in process_tree(os.getpid())
    True
    """
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        pass
    return inodes


def _is_loopback(hex_address: str) -> bool:
    if len(hex_address) == 8:  # IPv4, little-endian bytes: 127.x.x.x has 7F as its last byte.
        return hex_address.endswith("7F")
    if hex_address == "00000000000000000000000001000000":  # ::1
        return True
    # ::ffff:127.x.x.x (an IPv4 loopback address on a dual-stack socket).
    return hex_address.startswith("0000000000000000FFFF0000") and hex_address.endswith("7F")


def non_loopback_listeners(pids: Iterable[int]) -> list[str]:
    """Listening TCP sockets of ``pids`` bound to anything but loopback, as ``pid address:port`` lines.

    >>> non_loopback_listeners([])
    []
    """
    owner = {inode: pid for pid in pids for inode in _socket_inodes(pid)}
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state != "0A" or inode not in owner:  # 0A: LISTEN
                continue
            address, port = local.split(":")
            if not _is_loopback(address):
                found.append(f"{owner[inode]} {address}:{int(port, 16)}")
    return found
