"""Parsing hostile files in a child process, with a wall-clock timeout and a memory cap.

A size limit bounds memory but not CPU: a crafted PDF can loop for ever, a
decompression bomb can ask for gigabytes. So `parse` hands the file's bytes to a
fresh interpreter (`python -m loaders.sandbox KIND MEMORY`), which caps its own
address space before importing any parser and answers with one JSON object on
stdout. Whatever the child does (loop, exhaust its memory, crash) costs the
batch one line naming the file and the reason; the parent and the store never
see a partial result.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ontology.errors import InputError

KINDS = ("html", "pdf")
MIB = 1024 * 1024


@dataclass(frozen=True)
class Budget:
    """What one file may cost its parser."""

    seconds: float = 30.0
    memory_bytes: int = 1024 * MIB


def parse(path: Path, kind: str, raw: bytes, budget: Budget) -> str:
    """The text of a file of `kind`, parsed within `budget`; InputError naming the file when it cannot be."""
    command = [sys.executable, "-m", "loaders.sandbox", kind, str(budget.memory_bytes)]
    try:
        done = subprocess.run(command, input=raw, capture_output=True, timeout=budget.seconds, check=False)
    except subprocess.TimeoutExpired as exc:
        raise InputError(
            f"{path}: gave up parsing the {kind.upper()} after {budget.seconds:g} s (POLICYGRAPH_PARSE_TIMEOUT)"
        ) from exc
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        how = f"signal {-done.returncode}" if done.returncode < 0 else f"exit {done.returncode}"
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise InputError(f"{path}: the {kind.upper()} parser crashed ({how}: {last[0][:200]})")
    if "error" in answer:
        raise InputError(f"{path}: {answer['error']}")
    return answer["text"]


def _child(kind: str, memory_bytes: int) -> dict[str, str]:
    """Inside the child: cap memory first, then parse stdin."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    from loaders.formats import html_text, pdf_text

    raw = sys.stdin.buffer.read()
    here = Path("-")
    try:
        text = (html_text if kind == "html" else pdf_text)(here, raw)
    except InputError as exc:
        return {"error": exc.detail.removeprefix(f"{here}: ")}
    except MemoryError:
        cap = f"{memory_bytes // MIB} MiB (POLICYGRAPH_PARSE_MEMORY_MB)"
        return {"error": f"parsing the {kind.upper()} needs more than {cap}"}
    except RecursionError:
        return {"error": f"the {kind.upper()} is nested too deeply to parse"}
    except Exception as exc:  # the child exists to contain whatever a crafted file makes a parser raise
        return {"error": f"not a readable {kind.upper()} ({type(exc).__name__}: {str(exc)[:200]})"}
    return {"text": text}


if __name__ == "__main__":
    KIND, MEMORY = sys.argv[1], int(sys.argv[2])
    if KIND not in KINDS:
        sys.exit(f"unknown kind {KIND!r}: use one of {', '.join(KINDS)}")
    sys.stdout.write(json.dumps(_child(KIND, MEMORY)))
