"""The local Neo4j tooling's own edges: `env` with no server, and ports a crashed server left in TIME_WAIT."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import neo4j_local

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "neo4j_local.py"


def test_env_without_a_server_fails_loudly_and_makes_eval_fail(tmp_path: Path) -> None:
    command = [sys.executable, str(SCRIPT), "env", "--home", str(tmp_path / "none")]
    direct = subprocess.run(command, capture_output=True, text=True, timeout=60)
    shell = subprocess.run(
        ["bash", "-c", f'eval "$({" ".join(command)} 2>/dev/null)" && echo "eval went on"'],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert direct.returncode == 1
    assert "NEO4J_URI stays unset" in direct.stderr and "make neo4j" in direct.stderr
    assert "export" not in direct.stdout
    assert shell.returncode != 0 and "eval went on" not in shell.stdout


def test_a_port_in_time_wait_is_free_and_a_listening_one_is_not() -> None:
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = listener.accept()
        assert not neo4j_local.port_is_free(port)
        accepted.close()  # the server side closes first, so its end lingers in TIME_WAIT
        client.close()
    assert neo4j_local.port_is_free(port)
