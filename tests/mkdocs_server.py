"""`python -m mkdocs ...` for the tests, minus the half second each run spends importing
MkDocs, Material, pydantic and our plugin: a server process imports them once, and each run
is a fresh fork of it (its own process, working folder, environment and output), so a build
starts from the state a new interpreter has after those imports and nothing a test did
before reaches it. `make test-fast` runs about forty-five builds, most of them refused in a
fraction of a second; this takes nearly a third off its CPU time (75 s to 52 s)."""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# What `mkdocs build` of our projects imports anyway, imported before any fork.
PRELOAD = (
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "material.plugins.search.plugin",
    "material.plugins.offline.plugin",
    "material.plugins.tags.plugin",
    "generator.plugin",
    "pymdownx.superfences",
    "pymdownx.details",
    "jieba",
)

# The server: one request a line on stdin (JSON), one exit code a line on stdout.
SERVER = """
import importlib, json, os, signal, sys, traceback
for module in sys.argv[1:]:
    importlib.import_module(module)
import mkdocs.__main__
for line in sys.stdin:
    request = json.loads(line)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.chdir(request["cwd"])
            os.environ.clear()
            os.environ.update(request["env"])
            sys.path.insert(0, request["cwd"])  # as `python -m` puts its working folder first
            for fd, name in ((1, "stdout"), (2, "stderr")):
                os.dup2(os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
            stdin = os.open(os.devnull, os.O_RDONLY)
            os.dup2(stdin, 0)
            sys.argv = ["mkdocs", *request["args"]]
            signal.alarm(300)  # a build that hangs is killed, as subprocess.run's timeout would
            try:
                mkdocs.__main__.cli(args=request["args"], prog_name="python -m mkdocs")
                code = 0
            except SystemExit as exit:  # what the interpreter does with one
                if exit.code is None or isinstance(exit.code, int):
                    code = exit.code or 0
                else:
                    print(exit.code, file=sys.stderr)
            except BaseException:
                traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    print(os.waitstatus_to_exitcode(status), flush=True)
"""

# The environment the server imports in: the test run's as it started, not as a test that
# happens to ask first may have patched it. Each run then gets exactly the one it asks for.
SERVER_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ROOT = Path(__file__).resolve().parent.parent

_server: subprocess.Popen | None = None


def _started() -> subprocess.Popen:
    global _server
    if _server is None or _server.poll() is not None:
        _server = subprocess.Popen(
            [sys.executable, "-c", SERVER, *PRELOAD],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=SERVER_ENV,
        )
        atexit.register(_stop, _server)
    return _server


def _stop(server: subprocess.Popen) -> None:
    # Waited for, so that its time counts in the test run's (`time make test-fast`).
    server.stdin.close()
    server.wait(timeout=60)


def mkdocs(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`python -m mkdocs *args` run in cwd with exactly the environment env: its exit code
    and what it printed, as subprocess.run(capture_output=True, text=True) gives them."""
    server = _started()
    with tempfile.TemporaryDirectory(prefix="mkdocs-run-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        request = {
            "args": args,
            "cwd": str(cwd),
            "env": env,
            "stdout": str(out),
            "stderr": str(err),
        }
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        reply = server.stdout.readline()
        if not reply:
            raise RuntimeError("the mkdocs server died (see the test's stderr)")
        return subprocess.CompletedProcess(
            ["mkdocs", *args],
            int(reply),
            out.read_text(encoding="utf-8", errors="replace"),
            err.read_text(encoding="utf-8", errors="replace"),
        )
