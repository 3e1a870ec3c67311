"""The benchmark's figures and how they are printed: bench/results.md and the terminal.

The dataclasses hold what bench/run.py measured; the functions turn them into Markdown
tables. Nothing here measures anything.
"""

from __future__ import annotations

import os
import platform
import time
from dataclasses import dataclass, field
from pathlib import Path

import synth
import weigh

MB = 1_000_000
KB = 1_000
QUERY = "投诉"


@dataclass
class Build:
    """One `mkdocs build`, measured from outside (bench/run.py) and inside (timed_build.py)."""

    wall: float  # seconds, wall clock of the subprocess
    cpu: float  # user + system seconds of the subprocess
    peak_rss: int  # bytes
    pages: int
    hooks: dict  # plugin → event → seconds, from timed_build.py
    site: Path

    def plugin_seconds(self, plugin: str) -> float:
        return sum(self.hooks.get("plugins", {}).get(plugin, {}).values())

    def plugin_cpu(self, plugin: str) -> float:
        return sum(self.hooks.get("plugins_cpu", {}).get(plugin, {}).values())


@dataclass
class SizeResult:
    """Everything measured for one number of cases."""

    size: int
    procedures: int
    banks: int
    case_chars: float
    stages: dict[str, float]  # in-process load / check / render seconds
    generated: Build
    handwritten: Build
    index_bytes: int
    # Page weights: path → (the page alone, the page with the service worker's precache)
    weights: dict[str, tuple[weigh.Transfer, weigh.Transfer]] = field(default_factory=dict)


@dataclass
class SearchResult:
    """Material's search against Pagefind on one built site."""

    size: int
    material_index: int
    material_total: weigh.Transfer | None = None
    material_results: int = 0
    pagefind_error: str | None = None
    pagefind_seconds: float = 0.0
    pagefind_rss: int = 0
    pagefind_files: int = 0
    pagefind_bytes: int = 0
    pagefind_fetch: weigh.Transfer | None = None
    pagefind_first: dict | None = None
    page_without_index: int = 0  # the case page and its assets, Material's index left out


def report(results: list[SizeResult], search: SearchResult | None, profile: str | None, header: str) -> str:
    out = [header, "", *build_table(results), "", *cpu_table(results), "", *stage_table(results)]
    if any(r.weights for r in results):
        out += ["", *weight_table(results)]
    if search:
        out += ["", search_report(search)]
    if profile:
        out += ["", "### Profile", "", profile]
    return "\n".join(out) + "\n"


def build_table(results: list[SizeResult]) -> list[str]:
    out = [
        "### Build",
        "",
        "| cases | procedures | banks | pages | build wall s | build CPU s | CPU ms per case "
        "| generator CPU s | generator share CPU (wall) | generator ms per case | search plugin share CPU | jieba dictionary CPU s "
        "| peak RSS MB | search_index.json MB | hand-written: pages, wall s, CPU s | ratio generated / hand-written, wall (CPU) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        g, h = r.generated, r.handwritten
        ours_cpu, ours_wall = g.plugin_cpu("training"), g.plugin_seconds("training")
        out.append(
            f"| {r.size:,} | {r.procedures} | {r.banks} | {g.pages:,} | {g.wall:.1f} | {g.cpu:.1f} "
            f"| {g.cpu / r.size * 1000:.0f} | {ours_cpu:.1f} | {ours_cpu / g.cpu:.0%} ({ours_wall / g.hooks['wall_in_process']:.0%}) "
            f"| {ours_cpu / r.size * 1000:.1f} | {g.plugin_cpu('material/search') / g.cpu:.0%} | {g.plugin_cpu('jieba'):.1f} "
            f"| {g.peak_rss / MB:.0f} "
            f"| {r.index_bytes / MB:.1f} | {h.pages:,}, {h.wall:.1f}, {h.cpu:.1f} | {g.wall / h.wall:.2f} ({g.cpu / h.cpu:.2f}) |"
        )
    return out


def cpu_table(results: list[SizeResult]) -> list[str]:
    """Where each build's CPU time goes, generated against hand-written: the ratio explained."""
    out = [
        "### Where the CPU time goes, generated / hand-written (seconds)",
        "",
        "| cases | build | training plugin | Material search | jieba dictionary | tags | MkDocs, Markdown, theme and the rest |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        cells = []
        for part in ("total", "training", "material/search", "jieba", "material/tags", "rest"):
            pair = []
            for b in (r.generated, r.handwritten):
                plugins = {name: b.plugin_cpu(name) for name in ("training", "material/search", "jieba", "material/tags")}
                value = b.cpu if part == "total" else b.cpu - sum(plugins.values()) if part == "rest" else plugins[part]
                pair.append(f"{value:.1f}")
            cells.append(" / ".join(pair))
        out.append(f"| {r.size:,} | " + " | ".join(cells) + " |")
    return out


def stage_table(results: list[SizeResult]) -> list[str]:
    events = ("config", "files", "page_markdown", "page_content", "post_build")
    out = [
        "### The generator's CPU time, stage by stage (seconds)",
        "",
        "| cases | in the build: on_config (load + check) | on_files (render) | on_page_markdown (glossary links) "
        "| on_page_content (CJK line joins) | on_post_build (service worker) | other hooks "
        "| alone: load | check | render | pages rendered |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        t = r.generated.hooks["plugins_cpu"].get("training", {})
        other = sum(v for k, v in t.items() if k not in events)
        s = r.stages
        out.append(
            f"| {r.size:,} | " + " | ".join(f"{t.get(event, 0):.2f}" for event in events) + f" | {other:.2f} "
            f"| {s['load']:.2f} | {s['check']:.2f} | {s['render']:.2f} | {s['pages']:,} |"
        )
    return out


def weight_table(results: list[SizeResult]) -> list[str]:
    skip = (weigh.SEARCH_INDEX,)
    out = [
        "### First load of a page (empty cache)",
        "",
        "| cases | page | page + assets, without search index KB | + search index KB | gzip: without / with index KB "
        "| with the service worker's precache KB (gzip) |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        for kind, (alone, with_worker) in r.weights.items():
            out.append(
                f"| {r.size:,} | {kind} | {alone.total(without=skip) / KB:,.0f} | {alone.total() / KB:,.0f} "
                f"| {alone.total_gzip(without=skip) / KB:,.0f} / {alone.total_gzip() / KB:,.0f} "
                f"| {with_worker.total() / KB:,.0f} ({with_worker.total_gzip() / KB:,.0f}) |"
            )
    return out


def search_report(s: SearchResult) -> str:
    out = [f"### Search at {s.size:,} cases: bytes before the first result for {QUERY}", ""]
    out += ["| search | index on disk | fetched before first result | gzip | what |", "| --- | ---: | ---: | ---: | --- |"]
    if s.material_total:
        t = s.material_total
        searchy = {k: v for k, v in t.sizes.items() if k.startswith(("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/"))}
        out.append(
            f"| Material (lunr + jieba) | {s.material_index / MB:.1f} MB | {t.total() / KB:,.0f} KB "
            f"| {t.total_gzip() / KB:,.0f} KB | the case page cold, then the query ({s.material_results} results listed); "
            f"of which search: {sum(searchy.values()) / KB:,.0f} KB ({', '.join(sorted(searchy))}) |"
        )
    if s.pagefind_error:
        out.append(f"| Pagefind | – | – | – | could not run: {s.pagefind_error} |")
    elif s.pagefind_fetch:
        t = s.pagefind_fetch
        first = s.pagefind_first or {}
        out.append(
            f"| Pagefind (extended, zh) | {s.pagefind_bytes / MB:.1f} MB in {s.pagefind_files:,} files "
            f"| {t.total() / KB:,.0f} KB | {t.total_gzip() / KB:,.0f} KB | indexed in {s.pagefind_seconds:.1f} s "
            f"(peak RSS {s.pagefind_rss / MB:.0f} MB); "
            f"{len(t.sizes)} files fetched by the JS API; {first.get('count', 0)} results, first {first.get('url')} |"
        )
        if s.page_without_index:
            both = s.page_without_index + t.total()
            out += ["", f"A case page opened cold without Material's index ({s.page_without_index / KB:,.0f} KB, "
                    f"its search worker and lunr files still counted) plus Pagefind's fetches comes to "
                    f"{both / KB:,.0f} KB before the first result."]
    return "\n".join(out)


def header(sizes: list[int], started: float, case_chars: float) -> str:
    load = os.getloadavg()
    return "\n".join([
        "## Benchmark results",
        "",
        f"Produced by `make bench` (`python bench/run.py --sizes {','.join(map(str, sizes))}`) on "
        f"{time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"load average {load[0]:.1f} at the end (other work on the machine slows the wall clock; "
        f"CPU seconds are steadier); the whole run took {(time.perf_counter() - started) / 60:.0f} min.",
        "",
        "- **Sites**: synthetic cases written from the Simplified seed documents (about "
        f"{synth.CASES_PER_PROCEDURE} cases per procedure, {synth.QUESTIONS_PER_BANK} questions per "
        f"{synth.CASES_PER_BANK} cases; {case_chars:,.0f} characters of YAML per case on average, the project's "
        f"own cases have {synth.real_case_chars():,.0f}), on the project's own mkdocs.yml, content/, reference/ and forms/, "
        "built non-strict with SITE_URL empty (lessons link to the real cases, which the synthetic project lacks).",
        "- **Generator CPU s / share**: CPU time inside the training plugin's event handlers (on_config = load + "
        "check, on_files = render, and the per-page hooks), measured by clocking each plugin event during the real "
        "build (bench/timed_build.py), over the build process's CPU time; the wall-clock share is in brackets. "
        "The *alone* columns time the same core functions (load_knowledge_base, check_knowledge_base, "
        "render_pages) in the benchmark's own process, outside MkDocs.",
        "- **Search plugin share**: CPU time in Material's search plugin (jieba segmentation and the index), the same way. "
        "jieba's dictionary is loaded once before the build (bench/timed_build.py) and counted in neither plugin: "
        "whichever plugin touched jieba first would otherwise carry it.",
        "- **Hand-written**: the same cases, procedures, question banks and reference text as plain Markdown pages, "
        "same mkdocs.yml with the training plugin disabled; ratio = generated build / hand-written build.",
        "- **Peak RSS**: ru_maxrss of the build process (os.wait4). **Page weights**: body bytes served by a local "
        "http.server to headless Chromium opening the page with an empty cache and service workers blocked, until "
        "no request for 1.5 s; the last column lets the site's service worker run and precache. http.server does "
        "not compress: gzip figures say what a compressing server would send.",
    ])


NOTES_MARKER = "<!-- Notes below this line are written by hand and kept when the benchmark rewrites this file. -->"


def kept_notes(results_md: Path) -> str:
    """The hand-written part of results.md (after NOTES_MARKER), kept across runs."""
    if results_md.exists():
        old = results_md.read_text(encoding="utf-8")
        if NOTES_MARKER in old:
            return "\n" + NOTES_MARKER + old.split(NOTES_MARKER, 1)[1]
    return ""
