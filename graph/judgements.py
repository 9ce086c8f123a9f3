"""Where judgements of identity live: `judgements.jsonl` in POLICYGRAPH_HOME, for either backend.

One JSON object per line, oldest first, in the shape of
`ontology.judgements.Judgement`, so a person can read, grep or version it. The
file sits beside the embedded store (HOME/store) and serves a Neo4j store just
the same: judgements are about node ids, which both backends share. Every
write rereads the file and replaces it whole, atomically
(`graph.persist.atomic_write`) and under a lock beside it, so a crash leaves the
old file or the new one and two writers lose nothing; a file that cannot be
read is reported and left untouched.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from filelock import FileLock
from pydantic import ValidationError

from graph.persist import atomic_write
from graph.settings import Settings
from ontology.errors import StoreError
from ontology.judgements import Judgement, Judgements

JUDGEMENTS_FILE = "judgements.jsonl"
#: How long a writer waits for another to finish adding its judgements (each write is quick).
LOCK_SECONDS = 30


def judgements_path(settings: Settings) -> Path:
    """The judgements file of the configured home."""
    return settings.home / JUDGEMENTS_FILE


def read_judgements(path: Path) -> Judgements:
    """The judgements in the file, or none when there is no file yet."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return Judgements()
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"cannot read the judgements file {path}: {exc}") from exc
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            items.append(Judgement.model_validate_json(line))
        except ValidationError as exc:
            reason = str(exc).splitlines()[0]
            raise StoreError(f"{path}:{number}: not a judgement ({reason}); the file was left untouched") from exc
    return Judgements(items)


def record_judgements(path: Path, new: Iterable[Judgement]) -> None:
    """Add judgements to the file: read it again and replace it whole, under a lock, so two writers lose nothing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder of the judgements file {path}: {exc.strerror}") from exc
    with FileLock(path.with_name(f"{path.name}.lock"), timeout=LOCK_SECONDS):
        items = [*read_judgements(path).items, *new]
        lines = "".join(json.dumps(j.model_dump(mode="json"), ensure_ascii=False) + "\n" for j in items)
        try:
            atomic_write(path, lines.encode("utf-8"))
        except OSError as exc:
            raise StoreError(f"cannot write the judgements file {path}: {exc.strerror or exc}") from exc
