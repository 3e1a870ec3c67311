"""The benchmark (`make bench`): build time, the generator's share, memory and page weights
of generated sites of 100, 1,000 and 5,000 synthetic cases, against the same text written
as plain Markdown pages (with Material's search, and issue 17's floor: search off, then
Pagefind), with a profile of where ours spends more; and at 1,000 cases, a query typed into the search box of the site
as it ships (Pagefind) and of the same project built with Material's own search.

    python bench/run.py [--sizes 100,1000,5000] [--quick] [--profile] [--keep] [--no-browser]

Prints the tables and writes them to bench/results.md. Not a test: nothing here passes
or fails, it measures. Builds run as subprocesses on temporary projects; nothing in the
project is written except bench/results.md. bench/report.py prints what this measures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

import synth  # noqa: E402  (bench/ is the script's folder)
import weigh  # noqa: E402
from handwritten import FLOOR_CONFIG, make_handwritten  # noqa: E402
from report import (  # noqa: E402
    KB,
    QUERY,
    Build,
    Floor,
    SearchResult,
    SearchVariant,
    SizeResult,
    header,
    kept_notes,
    median_run,
    report,
)

from generator.pagefind import pagefind_command  # noqa: E402  (the project's root is put on sys.path above)
from generator.upstream.pagefind_fragments import SIGNATURE, fragment_files  # noqa: E402

RESULTS = BENCH / "results.md"
DEFAULT_SIZES = (100, 1000, 5000)
SEARCH_SIZE = 1000  # where Material's search and Pagefind are compared
SEARCH_RUNS = 3  # each search measured this many times, each in a new browser context
BUILD_TIMEOUT = 3600  # seconds; a 5,000-case build takes minutes on 2 cores


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Building ------------------------------------------------------------------------


def run_measured(
    command: list[str], cwd: Path, log_path: Path, env: dict | None = None
) -> tuple[float, float, int, int]:
    """Run a command to completion: (wall seconds, CPU seconds, peak RSS bytes, exit code)."""
    with open(log_path, "w", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = started + BUILD_TIMEOUT
        # os.wait4 gives this child's own resource usage (peak RSS, CPU): the figure
        # RUSAGE_CHILDREN would give, without mixing in the other builds of the run.
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return (
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss * 1024,
        process.returncode,
    )  # Linux: KiB


def build(
    project: Path,
    label: str,
    profile: Path | None = None,
    config: str = "mkdocs.yml",
    name: str = "site",
) -> Build:
    """`mkdocs build -f config` of ``project`` into project/name, in a subprocess: wall clock,
    CPU (its children's included: Pagefind), peak memory, and the hooks' clocks."""
    site = project / name
    timings = project / f"{name}-timings.json"
    command = [sys.executable, str(BENCH / "timed_build.py"), str(timings)]
    if profile:
        command += ["--profile", str(profile)]
    command += ["-f", str(project / config), "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": ""}
    log_path = project / f"{name}-build.log"
    wall, cpu, rss, code = run_measured(command, project, log_path, env)
    output = log_path.read_text(encoding="utf-8", errors="replace")
    if code != 0:
        raise SystemExit(f"{label}: mkdocs build failed ({code}):\n{output[-4000:]}")
    hooks = json.loads(timings.read_text(encoding="utf-8"))
    # os.wait4 counts the CPU of the children the build waited for (Pagefind): check that it
    # holds the build process's own CPU plus theirs. It holds a little more: the interpreter's
    # exit, after the timings are written (0.4 s at 1,000 cases, 2 s at 5,000).
    inside = hooks["cpu_in_process"] + hooks["cpu_children"]
    hooks["cpu_after_timings"] = cpu - inside
    if cpu < inside - 0.1:
        log(
            f"{label}: wait4 CPU {cpu:.2f} s is less than the build process's own {hooks['cpu_in_process']:.2f} s "
            f"+ {hooks['cpu_children']:.2f} s in its children: the build's CPU misses some of Pagefind's"
        )
    page_bytes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    return Build(
        wall=wall,
        cpu=cpu,
        peak_rss=rss,
        pages=len(page_bytes),
        hooks=hooks,
        site=site,
        page_bytes=page_bytes,
    )


def build_floor(project: Path, label: str) -> Floor:
    """Issue 17's floor: the hand-written project with Material's search off, then Pagefind
    over the result with the options the site's own build uses (generator/pagefind.py)."""
    built = build(project, label, config=FLOOR_CONFIG, name="site-floor")
    wall, cpu, rss, code = run_measured(
        pagefind_command(built.site), project, project / "floor-pagefind.log"
    )
    if code != 0:
        raise SystemExit(f"{label}: Pagefind failed ({code}), see {project / 'floor-pagefind.log'}")
    return Floor(built, wall, cpu, rss, indexed_pages(built.site))


def indexed_pages(site: Path) -> dict[str, list[float]]:
    """What Pagefind indexed, read from its excerpt files: path in the site → [words, characters].
    Reads Pagefind 1.5's fragment JSON (url, content, word_count), like the module it imports from."""
    pages = {}
    for path in fragment_files(site):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE))
        pages[data["url"].lstrip("/")] = [data["word_count"], len(data["content"])]
    return pages


def time_stages(project: Path) -> dict[str, float]:
    """The core on its own, in this process: load, check and render, each timed once."""
    from generator.check import check_knowledge_base
    from generator.load import load_knowledge_base
    from generator.pipeline import sources_for
    from generator.render import RenderSettings, render_pages

    sources = sources_for(project)
    clock = time.process_time  # CPU seconds: other work on the machine does not count
    started = clock()
    kb, errors = load_knowledge_base(sources)
    loaded = clock()
    errors += check_knowledge_base(kb)
    checked = clock()
    if errors:
        raise SystemExit(
            "the synthetic project has content errors:\n" + "\n".join(map(str, errors[:20]))
        )
    pages = render_pages(kb, RenderSettings(site_url=None))
    rendered = clock()
    return {
        "load": loaded - started,
        "check": checked - loaded,
        "render": rendered - checked,
        "pages": len(pages),
    }


# --- One size ------------------------------------------------------------------------


def bench_size(
    size: int, workdir: Path, sentences: list[str], browser: weigh.Browser | None
) -> SizeResult:
    log(f"{size} cases: writing the synthetic project")
    project = synth.make_project(workdir / f"{size}-generated", size, sentences)
    handwritten = workdir / f"{size}-handwritten"
    make_handwritten(project, handwritten)
    log(
        f"{size} cases: {len(project.procedures)} procedures, {len(project.banks)} question banks; timing load/check/render in-process"
    )
    stages = time_stages(project.root)
    log(
        f"{size} cases: load {stages['load']:.1f} s, check {stages['check']:.1f} s, render {stages['render']:.1f} s; building the generated site"
    )
    generated = build(project.root, f"{size} generated")
    log(
        f"{size} cases: generated site built in {generated.wall:.1f} s ({generated.pages} pages); building the hand-written site"
    )
    plain = build(handwritten, f"{size} hand-written")
    log(
        f"{size} cases: hand-written site built in {plain.wall:.1f} s ({plain.pages} pages); building the floor"
    )
    floor = build_floor(handwritten, f"{size} floor")
    log(
        f"{size} cases: floor {floor.build.cpu:.1f} + {floor.pagefind_cpu:.1f} CPU s (search off, then Pagefind); "
        f"ours {generated.cpu:.1f} CPU s: ours / floor {generated.cpu / floor.cpu:.2f}"
    )
    pagefind = [p for p in (generated.site / "pagefind").rglob("*") if p.is_file()]
    index = generated.site / weigh.SEARCH_INDEX
    result = SizeResult(
        size=size,
        procedures=len(project.procedures),
        banks=len(project.banks),
        case_chars=project.case_chars,
        stages=stages,
        generated=generated,
        handwritten=plain,
        floor=floor,
        indexed=indexed_pages(generated.site),
        pagefind_files=len(pagefind),
        pagefind_bytes=sum(p.stat().st_size for p in pagefind),
        material_index_bytes=index.stat().st_size if index.exists() else 0,
        pack=weigh.offline_pack(generated.site),
    )
    if browser is not None:
        with weigh.SiteServer(generated.site) as server:
            for kind, path in (
                ("case", case_path(size)),
                ("procedure", "procedures/procedure-0001/"),
            ):
                alone = weigh.cold_load(browser, server, path)
                with_worker = weigh.cold_load(browser, server, path, service_workers="allow")
                result.weights[kind] = (alone, with_worker)
                search = alone.only(weigh.SEARCH_FILES)
                log(
                    f"{size} cases: {kind} page {path}: {alone.total() / KB:,.0f} KB on first load "
                    f"(search files {search.total() / KB:,.1f} KB: {', '.join(sorted(search.sizes)) or 'none'}), "
                    f"{with_worker.total() / KB:,.0f} KB on a first visit with the service worker installing"
                )
            result.search = weigh.search_runs(browser, server, case_path(size), QUERY, SEARCH_RUNS)
            run = median_run(result.search)
            log(
                f"{size} cases: {QUERY} in the search box: {run.total.total() / KB:,.0f} KB before the first result; "
                f"times {seconds(result.search)}"
            )
    return result


def seconds(runs: list[weigh.SearchRun]) -> str:
    return ", ".join("no result" if r.seconds is None else f"{r.seconds:.2f} s" for r in runs)


def case_path(size: int) -> str:
    """The case page the benchmark opens: one from the middle of the library."""
    return f"cases/case-{max(1, size // 2):05d}/"


# --- Search at 1,000 cases -----------------------------------------------------------


def bench_search(result: SizeResult, browser: weigh.Browser) -> SearchResult:
    """The query typed into Material's search box on a cold case page, on the site as it
    ships (Pagefind behind our worker) and on the same project built with `search: material`."""
    project = result.generated.site.parent
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs-material-search.yml").write_text(
        synth.training_options(config, search="material"), encoding="utf-8"
    )
    log(f"search at {result.size}: building the same project with `search: material`")
    material = build(
        project,
        f"{result.size} search: material",
        config="mkdocs-material-search.yml",
        name="site-material",
    )
    log(f"search at {result.size}: built in {material.wall:.1f} s, {material.cpu:.1f} CPU s")
    index = material.site / weigh.SEARCH_INDEX
    search = SearchResult(
        result.size,
        [
            SearchVariant(
                "Pagefind behind Material's box (default)",
                result.generated,
                result.pagefind_files,
                result.pagefind_bytes,
                result.search,
            ),  # measured in bench_size
            SearchVariant(
                "Material's lunr + jieba (`search: material`)", material, 1, index.stat().st_size
            ),
        ],
    )
    material_variant = search.variants[1]
    with weigh.SiteServer(material.site) as server:
        material_variant.runs = weigh.search_runs(
            browser, server, case_path(result.size), QUERY, SEARCH_RUNS
        )
    run = median_run(material_variant.runs)
    log(
        f"search at {result.size}, {material_variant.name}: {run.total.total() / KB:,.0f} KB before the first result "
        f"({run.total.total_gzip() / KB:,.0f} KB gzip); times {seconds(material_variant.runs)}"
    )
    return search


# --- Profile -------------------------------------------------------------------------


def profile_build(size: int, workdir: Path, sentences: list[str]) -> str:
    """Where a build of ``size`` cases spends its time, under cProfile."""
    project = workdir / f"{size}-profiled"
    synth.make_project(project, size, sentences)
    log(f"profiling the {size}-case build under cProfile (slower than a plain build)")
    stats_path = project / "build.prof"
    profiled = build(project, f"{size} profiled", profile=stats_path)
    stats = pstats.Stats(str(stats_path))
    total = profiled.hooks["wall_in_process"]
    rows = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():
        rows.append((cumtime, tottime, calls, _where(filename, line, name)))
    ours = sorted(
        (r for r in rows if "/generator/" in r[3] or r[3].startswith("generator/")), reverse=True
    )
    lines = [
        f"cProfile of `mkdocs build` at {size} cases: {total:.1f} s in-process under the profiler "
        f"({profiled.wall:.1f} s wall). Generator functions by cumulative time:",
        "",
        "| cumulative s | own s | calls | function |",
        "| ---: | ---: | ---: | --- |",
    ]
    lines += [f"| {c:.2f} | {t:.2f} | {n:,} | `{w}` |" for c, t, n, w in ours[:25]]
    lines += [
        "",
        "(`generator/theme/` holds the project's overrides of Material's templates: their cumulative time "
        "is Material rendering every page, not the generator's own work.)",
    ]
    pagefind = profiled.pagefind()
    if pagefind:
        lines[-1] = lines[-1][:-1] + (
            f" The generator's `on_post_build` includes {pagefind['wall']:.1f} s spent waiting for "
            "the Pagefind subprocess, which the profiler does not see into.)"
        )
    yaml_files = sum(
        1
        for folder in ("cases", "procedures", "forms", "questions", "reference")
        for _ in (project / folder).glob("*.yml")
    )
    checks = [
        (
            "YAML files parsed (generator's read_yaml)",
            _find(stats, "/generator/", "read_yaml"),
            f"{yaml_files:,} files in the project",
        ),
        (
            "Jinja2 templates compiled (Environment.compile)",
            _find(stats, "jinja2/environment.py", "compile"),
            "once per template is right",
        ),
        (
            "Markdown conversions (markdown/core.py convert)",
            _find(stats, "markdown/core.py", "convert"),
            f"{profiled.pages:,} HTML pages",
        ),
        (
            "jieba segmentations (jieba cut)",
            _find(stats, "jieba/__init__.py", "cut"),
            "Material's search plugin; none with Pagefind",
        ),
        (
            "flowchart layouts (layout_procedure)",
            _find(stats, "generator/flowchart/layout.py", "layout_procedure"),
            "one per procedure",
        ),
    ]
    lines += [
        "",
        "Repeated work, counted:",
        "",
        "| what | calls | cumulative s | for |",
        "| --- | ---: | ---: | --- |",
    ]
    lines += [f"| {what} | {calls:,} | {cum:.2f} | {note} |" for what, (calls, cum), note in checks]
    lines += [
        "",
        "Whole build, by own time (top 20):",
        "",
        "| own s | cumulative s | calls | function |",
        "| ---: | ---: | ---: | --- |",
    ]
    lines += [
        f"| {t:.2f} | {c:.2f} | {n:,} | `{w}` |"
        for c, t, n, w in sorted(rows, key=lambda r: -r[1])[:20]
    ]
    return "\n".join(lines)


def _find(stats: pstats.Stats, file_part: str, name: str) -> tuple[int, float]:
    """Calls and cumulative seconds of the functions called ``name`` in files whose path has ``file_part``."""
    found = [
        (calls, cum)
        for (f, _, n), (_, calls, _, cum, _) in stats.stats.items()
        if n == name and file_part in f
    ]
    return sum(c for c, _ in found), max((cum for _, cum in found), default=0.0)


def _where(filename: str, line: int, name: str) -> str:
    for marker in ("/site-packages/", str(ROOT) + "/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
    return f"{filename}:{line}({name})" if line else name


# --- Main ----------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="case counts, e.g. 100,1000"
    )
    parser.add_argument("--quick", action="store_true", help="100 cases only")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile the 1,000-case build (or the largest size below it)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    parser.add_argument(
        "--no-browser", action="store_true", help="skip page weights and search (no Chromium)"
    )
    args = parser.parse_args(argv)
    args.sizes = (
        [100] if args.quick else sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    )
    if not args.sizes or min(args.sizes) < 1 or max(args.sizes) > 20_000:
        parser.error("sizes must be between 1 and 20,000 cases")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    log(f"sizes {args.sizes}; working in {workdir}")
    sentences = synth.seed_sentences()
    results: list[SizeResult] = []
    search = profile = None
    try:
        with _browser(args) as browser:
            for size in args.sizes:
                results.append(bench_size(size, workdir, sentences, browser))
                if browser and (
                    size == SEARCH_SIZE
                    or (SEARCH_SIZE not in args.sizes and size == max(args.sizes))
                ):
                    search = bench_search(results[-1], browser)
                if not args.keep:  # a 5,000-case site weighs hundreds of MB
                    shutil.rmtree(workdir / f"{size}-handwritten", ignore_errors=True)
                    shutil.rmtree(workdir / f"{size}-generated", ignore_errors=True)
        if args.profile:
            size = max([s for s in args.sizes if s <= SEARCH_SIZE] or [min(args.sizes)])
            profile = profile_build(size, workdir, sentences)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    case_chars = sum(r.case_chars for r in results) / len(results)
    text = report(results, search, profile, header(args.sizes, started, case_chars, SEARCH_RUNS))
    print()
    print(text)
    RESULTS.write_text(text + kept_notes(RESULTS), encoding="utf-8")
    log(f"written to {RESULTS.relative_to(ROOT)}")


class _NoBrowser:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _browser(args):
    if args.no_browser:
        return _NoBrowser()
    if not Path(weigh.CHROMIUM).exists():
        log(f"{weigh.CHROMIUM} not found (make browser installs it): no page weights")
        return _NoBrowser()
    return weigh.Browser()


if __name__ == "__main__":
    main()
