"""The preview a trainer feels (`make bench`, or `make bench-preview` alone): `mkdocs serve` on a
project, one case's title saved, and the time until the served case page shows it. Median of
five edits, at the shipped size and with 200 and 1,000 synthetic cases.

    python bench/preview.py [--sizes shipped,200,1000] [--edits 5]

Prints a table and writes it to bench/preview-results.md. Not a test: it measures. The
projects are temporary copies; nothing in the project is written but the results file.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

import synth  # noqa: E402  (bench/ is the script's folder)

RESULTS = BENCH / "preview-results.md"
CONTENT = ("cases", "content", "forms", "procedures", "questions", "reference", "sessions")
# Straight to 127.0.0.1, whatever http_proxy the environment sets.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
PAUSE = 2.0  # seconds between edits, as a trainer saves


@dataclass
class Latency:
    label: str
    cases: int
    first_build: float
    edits: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.edits)


def shipped_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in CONTENT:
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, dest / folder)
    return dest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    try:
        with DIRECT.open(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def measure(label: str, project: Path, edits: int) -> Latency:
    case = sorted((project / "cases").glob("*.yml"))[0]
    port = _free_port()
    url = f"http://127.0.0.1:{port}/cases/{case.stem}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = open(project / "serve.log", "w", encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env)
    original = case.read_text(encoding="utf-8")
    try:
        started = time.perf_counter()
        while "<title" not in _get(url):
            if server.poll() is not None or time.perf_counter() - started > 600:
                raise SystemExit(
                    f"the preview of {label} did not start (see {project / 'serve.log'})"
                )
            time.sleep(0.2)
        first = time.perf_counter() - started
        times = []
        for number in range(edits):
            mark = f"改动标记{number}x{int(time.time())}"
            time.sleep(PAUSE)
            saved = time.perf_counter()
            case.write_text(
                re.sub(r"(?m)^title: .*$", f"title: {mark}", original, count=1), encoding="utf-8"
            )
            while mark not in _get(url):
                if time.perf_counter() - saved > 300:
                    raise SystemExit(f"an edit of {label} did not show within 300 s")
                time.sleep(0.05)
            times.append(time.perf_counter() - saved)
        return Latency(label, len(list((project / "cases").glob("*.yml"))), first, times)
    finally:
        case.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
        log.close()


def report(results: list[Latency]) -> str:
    lines = [
        "# Preview latency",
        "",
        f"`python bench/preview.py` on {time.strftime('%Y-%m-%d')}: `mkdocs serve` started on a copy of the",
        "project; one case's title saved, then the served case page polled every 0.05 s until it",
        f"shows the new title; {PAUSE:.0f} s between saves. Seconds.",
        "",
        "| project | cases | first build served | each edit | median |",
        "| --- | ---: | ---: | --- | ---: |",
    ]
    for r in results:
        each = ", ".join(f"{t:.2f}" for t in r.edits)
        lines.append(
            f"| {r.label} | {r.cases:,} | {r.first_build:.1f} | {each} | **{r.median:.2f}** |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="shipped,200,1000")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="kb-preview-"))
    results = []
    try:
        sentences = None
        for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
            if size == "shipped":
                project = shipped_project(workdir / "shipped")
                label = "shipped content"
            else:
                sentences = sentences or synth.seed_sentences()
                project = workdir / f"{size}-cases"
                synth.make_project(project, int(size), sentences)
                label = f"{int(size):,} synthetic cases"
            print(f"[{time.strftime('%H:%M:%S')}] {label}: measuring", flush=True)
            results.append(measure(label, project, args.edits))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    text = report(results)
    print(text)
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
