"""Run in a fresh process: how much memory a graph takes and how long it takes to open.

`python -m bench.probe store HOME` opens the embedded store under HOME (and
answers one count, so a store that loads lazily has loaded); `python -m
bench.probe networkx FILE` builds a bare networkx MultiDiGraph holding the same
nodes and edges, with their attributes and evidence as plain dicts, from a
contract JSON file. Each prints one JSON line: seconds to open or build, and the
resident memory it added (after a garbage collection and `malloc_trim`, so that
memory freed after loading is not counted).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import sys
import time
from pathlib import Path


def resident() -> int:
    """Resident bytes of this process now, after returning freed memory to the system."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # glibc only
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def bare_networkx(path: Path) -> object:
    """A MultiDiGraph of the contract file's nodes and edges, edges keyed by type, as plain dicts."""
    import networkx as nx

    raw = json.loads(path.read_bytes())
    graph = nx.MultiDiGraph()
    for node in raw["nodes"]:
        graph.add_node(node["id"], **node)
    for edge in raw["edges"]:
        graph.add_edge(edge["source"], edge["target"], key=edge["type"], **edge)
    return graph


def open_embedded(home: Path) -> object:
    from bench.stores import embedded

    store = embedded(home)
    store.counts()
    return store


def main(kind: str, where: str) -> None:
    if kind == "store":
        import bench.stores  # noqa: F401  (imports are not what is measured)
        import graph.memory  # noqa: F401

        open_it = open_embedded
    else:
        import networkx  # noqa: F401

        open_it = bare_networkx
    before = resident()
    start = time.perf_counter()
    held = open_it(Path(where))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "bytes": resident() - before}))
    del held


if __name__ == "__main__":
    main(*sys.argv[1:3])
