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
PROFILE_SIZE = 1000  # where the profile of ours against the floor is printed
PAGE_TYPES = ("case", "library", "quiz", "print", "procedure", "reference", "lesson", "other")


def page_type(path: str) -> str:
    """The kind of page at a path in the site (cases/case-00001/index.html → case)."""
    top = path.split("/")[0]
    if path.startswith("cases/case-"):
        return "case"
    if top in ("cases", "tags"):
        return "library"  # the case library and the tag index: lists of every case
    kinds = {
        "quizzes": "quiz",
        "print": "print",
        "procedures": "procedure",
        "reference": "reference",
        "lessons": "lesson",
    }
    return kinds.get(top, "other")


@dataclass
class Build:
    """One `mkdocs build`, measured from outside (bench/run.py) and inside (timed_build.py)."""

    wall: float  # seconds, wall clock of the subprocess
    cpu: float  # user + system seconds of the subprocess and the children it waited for
    peak_rss: int  # bytes, the larger of the build process's and its children's
    pages: int
    hooks: dict  # plugin → event → seconds, from timed_build.py
    site: Path
    page_bytes: dict[str, int] = field(default_factory=dict)  # HTML file in the site → bytes

    def page_parts(self) -> dict[str, dict[str, float]]:
        """CPU seconds by page type and part (timed_build.py's per-page clocks): steps = MkDocs'
        two page steps in all, markdown, template, nh3, events = every plugin's page events."""
        out = {
            kind: dict.fromkeys(
                ("pages", "steps", "markdown", "template", "nh3", "events", "events training"), 0.0
            )
            for kind in PAGE_TYPES
        }
        for path, parts in self.hooks.get("pages", {}).items():
            row = out[page_type(path)]
            row["pages"] += 1
            row["steps"] += parts.get("populate", 0) + parts.get("build", 0)
            for part in ("markdown", "template", "nh3", "events training"):
                row[part] += parts.get(part, 0)
            row["events"] += sum(v for k, v in parts.items() if k.startswith("events "))
        return out

    def plugin_seconds(self, plugin: str) -> float:
        return sum(self.hooks.get("plugins", {}).get(plugin, {}).values())

    def plugin_cpu(self, plugin: str) -> float:
        """CPU seconds in the plugin's handlers, the work timed_build.py clocks apart left out."""
        return sum(self.hooks.get("plugins_cpu", {}).get(plugin, {}).values())

    def pagefind(self) -> dict:
        """The Pagefind subprocess: wall, cpu_children, peak_rss_children (empty if none ran)."""
        return self.hooks.get("apart", {}).get("pagefind", {})

    def pagefind_runs(self) -> list[tuple[str, float]]:
        """Each Pagefind run in the order it was reaped: the folder it wrote, its CPU s.
        (Builds before the runs were labelled: the site's index first.)"""
        record = self.pagefind()
        cpu = record.get("each_cpu_children", [])
        labels = record.get("each_label") or ["pagefind"] + ["pagefind-offline"] * len(cpu)
        return list(zip(labels, cpu, strict=False))

    def pagefind_cpu(self) -> float:
        return self.pagefind().get("cpu_children", 0.0)

    def jieba_cpu(self) -> float:
        return self.hooks.get("apart", {}).get("jieba dictionary", {}).get("cpu_in_process", 0.0)


@dataclass
class Floor:
    """Issue 17's floor: the hand-written project built with Material's search off, then
    Pagefind over the result (the options of generator/pagefind.py), each measured with os.wait4."""

    build: Build
    pagefind_wall: float
    pagefind_cpu: float
    pagefind_rss: int
    indexed: dict[str, list[float]]  # what Pagefind indexed: path in the site → [words, characters]

    @property
    def wall(self) -> float:
        return self.build.wall + self.pagefind_wall

    @property
    def cpu(self) -> float:
        return self.build.cpu + self.pagefind_cpu


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
    floor: Floor
    indexed: dict[str, list[float]]  # what Pagefind indexed in the generated site, as Floor.indexed
    pagefind_files: int
    pagefind_bytes: int
    material_index_bytes: int  # search/search_index.json, which Material's script still loads
    pack: weigh.Pack | None
    # Page weights: path → (the page alone, the first visit: the page with the service worker installing)
    weights: dict[str, tuple[weigh.Transfer, weigh.Transfer]] = field(default_factory=dict)
    # The query typed into the search box of a case page opened cold, SEARCH_RUNS times
    search: list[weigh.SearchRun] = field(default_factory=list)


@dataclass
class SearchVariant:
    """One build of the project, searched from Material's box."""

    name: str
    build: Build
    index_files: int
    index_bytes: int
    runs: list[weigh.SearchRun] = field(default_factory=list)


def median_run(runs: list[weigh.SearchRun]) -> weigh.SearchRun:
    """The run with the median time to the first result."""
    return sorted(runs, key=lambda run: float("inf") if run.seconds is None else run.seconds)[
        len(runs) // 2
    ]


def _times(runs: list[weigh.SearchRun]) -> str:
    """The median time to the first result and the range, or why there is none."""
    run = median_run(runs)
    if run.seconds is None:
        return run.count
    times = sorted(r.seconds for r in runs if r.seconds is not None)
    spread = f" ({times[0]:.2f} to {times[-1]:.2f})" if len(runs) > 1 else " (one run)"
    return f"{run.seconds:.2f}{spread}"


@dataclass
class SearchResult:
    """The same query on the site as it ships and on the same project with Material's search."""

    size: int
    variants: list[SearchVariant]


def report(
    results: list[SizeResult], search: SearchResult | None, profile: str | None, header: str
) -> str:
    out = [
        header,
        "",
        *floor_table(results),
        "",
        *build_table(results),
        "",
        *cpu_table(results),
        "",
        *stage_table(results),
    ]
    main = [r for r in results if r.size == PROFILE_SIZE] or results[-1:]
    out += ["", *profile_tables(main[0])]
    if any(r.weights for r in results):
        out += ["", *weight_table(results)]
    if any(r.pack or r.weights for r in results):
        out += ["", *phone_table(results)]
    if any(r.search for r in results):
        out += ["", *shipped_search_table(results)]
    if search:
        out += ["", *search_table(search)]
    if profile:
        out += ["", "### Profile", "", profile]
    return "\n".join(out) + "\n"


def _files(transfer: weigh.Transfer) -> str:
    return (
        ", ".join(f"{path} {size / KB:,.1f}" for path, size in sorted(transfer.sizes.items()))
        or "none"
    )


def floor_table(results: list[SizeResult]) -> list[str]:
    out = [
        "### Ours against the floor (issue 17)",
        "",
        (
            "| cases | ours: wall s, CPU s | floor: mkdocs, search off: wall s, CPU s | + Pagefind over it: wall s, CPU s "
            "| floor: wall s, CPU s | hand-written, Material's search on: wall s, CPU s | **ours / floor, CPU** (wall) "
            "| ours / hand-written with search, CPU (wall) | peak RSS MB: ours mkdocs / Pagefind; floor mkdocs / Pagefind |"
        ),
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        g, f, h = r.generated, r.floor, r.handwritten
        out.append(
            f"| {r.size:,} | {g.wall:.1f}, {g.cpu:.1f} | {f.build.wall:.1f}, {f.build.cpu:.1f} "
            f"| {f.pagefind_wall:.1f}, {f.pagefind_cpu:.1f} | {f.wall:.1f}, {f.cpu:.1f} | {h.wall:.1f}, {h.cpu:.1f} "
            f"| **{g.cpu / f.cpu:.2f}** ({g.wall / f.wall:.2f}) | {g.cpu / h.cpu:.2f} ({g.wall / h.wall:.2f}) "
            f"| {g.hooks['peak_rss_in_process'] / MB:.0f} / {g.pagefind().get('peak_rss_children', 0) / MB:.0f}; "
            f"{f.build.hooks['peak_rss_in_process'] / MB:.0f} / {f.pagefind_rss / MB:.0f} |"
        )
    return out


def profile_tables(r: SizeResult) -> list[str]:
    """Where ours spends the CPU time the floor does not, at one size: by part of the build,
    by page type, by plugin event."""
    return [*part_table(r), "", *type_table(r), "", *event_table(r)]


def _parts(b: Build, pagefind: list[tuple[str, float]], exit_cpu: float) -> dict[str, float]:
    pages = b.page_parts().values()
    page_events = {
        plugin: sum(parts.get("events " + plugin, 0) for parts in b.hooks.get("pages", {}).values())
        for plugin in b.hooks.get("plugins_cpu", {})
    }
    out = {
        "pages: Python-Markdown (Page.render; for pages written as HTML, their snippets)": sum(
            p["markdown"] for p in pages
        ),
        "pages: nh3 (sanitize_html, in the training plugin's on_page_content)": sum(
            p["nh3"] for p in pages
        ),
        "pages: training plugin's page events, nh3 left out": page_events.get("training", 0)
        - sum(p["nh3"] for p in pages),
        "pages: other plugins' page events": sum(
            v for k, v in page_events.items() if k != "training"
        ),
        "pages: Material's template (Template.render)": sum(p["template"] for p in pages),
        "pages: the rest of MkDocs' two page steps (context, nav, writing)": sum(
            p["steps"] - p["markdown"] - p["events"] - p["template"] for p in pages
        ),
        "training plugin outside pages (load, check, render, post_build; Pagefind and precompress left out)": b.plugin_cpu(
            "training"
        )
        - page_events.get("training", 0),
        "other plugins outside pages": sum(
            b.plugin_cpu(k) - v for k, v in page_events.items() if k != "training"
        ),
    }
    for name, record in b.hooks.get("apart", {}).items():
        if name != "pagefind":
            out[f"{name} (clocked apart from the handler it runs in)"] = record["cpu_in_process"]
    if in_process := b.pagefind().get("cpu_in_process", 0.0):
        out[
            "Pagefind, in the build's process (waiting; for the offline pack's index, its Python API)"
        ] = in_process
    out["MkDocs outside pages and plugins (start, config, files, nav, copying)"] = b.hooks[
        "cpu_in_process"
    ] - sum(out.values())
    # The site's index on one row (ours is waited for last, the floor has only it), then
    # each of the offline pack's runs.
    site = sum(cpu for folder, cpu in pagefind if folder == "pagefind")
    out["Pagefind, the site's index (os.wait4 / RUSAGE_CHILDREN)"] = site
    # One process for every attempt (Pagefind's service), or, in builds before it, a run each.
    pack = [cpu for folder, cpu in pagefind if folder != "pagefind"]
    if len(pack) == 1:
        out["Pagefind, the offline pack's index (os.wait4 / RUSAGE_CHILDREN)"] = pack[0]
    for number, cpu in enumerate(pack if len(pack) > 1 else [], start=1):
        out[f"Pagefind, the offline pack's index, run {number} (os.wait4 / RUSAGE_CHILDREN)"] = cpu
    out["interpreter exit after the timings"] = exit_cpu
    return out


def part_table(r: SizeResult) -> list[str]:
    g, f = r.generated, r.floor
    ours = _parts(g, g.pagefind_runs(), g.hooks.get("cpu_after_timings", 0))
    floor = _parts(
        f.build, [("pagefind", f.pagefind_cpu)], f.build.hooks.get("cpu_after_timings", 0)
    )
    out = [
        f"### Profile at {r.size:,} cases: where ours spends CPU the floor does not (seconds)",
        "",
        "| part | ours | floor | ours − floor |",
        "| --- | ---: | ---: | ---: |",
    ]
    for part in dict.fromkeys([*ours, *floor]):
        a, b = ours.get(part, 0.0), floor.get(part, 0.0)
        out.append(f"| {part} | {a:.2f} | {b:.2f} | {a - b:+.2f} |")
    out.append(
        f"| **build** | **{sum(ours.values()):.2f}** | **{sum(floor.values()):.2f}** "
        f"| **{sum(ours.values()) - sum(floor.values()):+.2f}** |"
    )
    return out


def type_table(r: SizeResult) -> list[str]:
    g, f = r.generated, r.floor
    ours, floor = g.page_parts(), f.build.page_parts()
    html = {b: {kind: 0 for kind in PAGE_TYPES} for b in ("ours", "floor")}
    for name, b in (("ours", g), ("floor", f.build)):
        for path, size in b.page_bytes.items():
            html[name][page_type(path)] += size
    indexed = {name: {kind: [0, 0, 0] for kind in PAGE_TYPES} for name in ("ours", "floor")}
    for name, pages in (("ours", r.indexed), ("floor", f.indexed)):
        for path, (words, chars) in pages.items():
            row = indexed[name][page_type(path)]
            row[0], row[1], row[2] = row[0] + 1, row[1] + words, row[2] + chars
    out = [
        f"### Profile at {r.size:,} cases, by page type: ours / floor",
        "",
        (
            "| page type | pages | page steps CPU s | ms per page | of which Python-Markdown s | plugins' page events s "
            "(of which nh3) | Material's template s | HTML MB | indexed by Pagefind: pages, words (k), text MB |"
        ),
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in PAGE_TYPES:
        a, b = ours[kind], floor[kind]
        if not a["pages"] and not b["pages"]:
            continue
        ia, ib = indexed["ours"][kind], indexed["floor"][kind]
        per_page = " / ".join(
            f"{x['steps'] / x['pages'] * 1000:.0f}" if x["pages"] else "–" for x in (a, b)
        )
        out.append(
            f"| {kind} | {a['pages']:,.0f} / {b['pages']:,.0f} | {a['steps']:.2f} / {b['steps']:.2f} | {per_page} "
            f"| {a['markdown']:.2f} / {b['markdown']:.2f} | {a['events']:.2f} ({a['nh3']:.2f}) / {b['events']:.2f} "
            f"| {a['template']:.2f} / {b['template']:.2f} | {html['ours'][kind] / MB:.1f} / {html['floor'][kind] / MB:.1f} "
            f"| {ia[0]:,}, {ia[1] / 1000:,.0f}, {ia[2] / MB:.1f} / {ib[0]:,}, {ib[1] / 1000:,.0f}, {ib[2] / MB:.1f} |"
        )
    total = {
        k: sum(x[k] for x in ours.values())
        for k in ("pages", "steps", "markdown", "events", "nh3", "template")
    }
    ftotal = {
        k: sum(x[k] for x in floor.values())
        for k in ("pages", "steps", "markdown", "events", "template")
    }
    ia = [sum(x[i] for x in indexed["ours"].values()) for i in range(3)]
    ib = [sum(x[i] for x in indexed["floor"].values()) for i in range(3)]
    out.append(
        f"| **all** | {total['pages']:,.0f} / {ftotal['pages']:,.0f} | {total['steps']:.2f} / {ftotal['steps']:.2f} "
        f"| {total['steps'] / total['pages'] * 1000:.0f} / {ftotal['steps'] / ftotal['pages'] * 1000:.0f} "
        f"| {total['markdown']:.2f} / {ftotal['markdown']:.2f} | {total['events']:.2f} ({total['nh3']:.2f}) / {ftotal['events']:.2f} "
        f"| {total['template']:.2f} / {ftotal['template']:.2f} "
        f"| {sum(html['ours'].values()) / MB:.1f} / {sum(html['floor'].values()) / MB:.1f} "
        f"| {ia[0]:,}, {ia[1] / 1000:,.0f}, {ia[2] / MB:.1f} / {ib[0]:,}, {ib[1] / 1000:,.0f}, {ib[2] / MB:.1f} |"
    )
    return out


def event_table(r: SizeResult) -> list[str]:
    g, f = r.generated.hooks["plugins_cpu"], r.floor.build.hooks["plugins_cpu"]
    rows = sorted(
        {
            (plugin, event)
            for hooks in (g, f)
            for plugin, events in hooks.items()
            for event in events
        },
        key=lambda key: -g.get(key[0], {}).get(key[1], 0),
    )
    out = [
        f"### Profile at {r.size:,} cases, by plugin event: ours / floor (CPU s; Pagefind and jieba's dictionary clocked apart)",
        "",
        "| plugin | event | ours | floor |",
        "| --- | --- | ---: | ---: |",
    ]
    for plugin, event in rows:
        a, b = g.get(plugin, {}).get(event, 0), f.get(plugin, {}).get(event, 0)
        if max(a, b) >= 0.01:
            out.append(f"| {plugin} | on_{event} | {a:.2f} | {b:.2f} |")
    return out


def build_table(results: list[SizeResult]) -> list[str]:
    out = [
        "### Build",
        "",
        "| cases | procedures | banks | pages | build wall s | build CPU s | CPU ms per case "
        "| generator CPU s | generator share CPU (wall) | generator ms per case | Pagefind CPU s, share | Pagefind wall s "
        "| Material search plugin CPU s | jieba dictionary CPU s | peak RSS MB: mkdocs / Pagefind | pagefind/ MB, files "
        "| hand-written: pages, wall s, CPU s | ratio generated / hand-written, wall (CPU) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        g, h = r.generated, r.handwritten
        ours_cpu, ours_wall = g.plugin_cpu("training"), g.plugin_seconds("training")
        pagefind = g.pagefind()
        out.append(
            f"| {r.size:,} | {r.procedures} | {r.banks} | {g.pages:,} | {g.wall:.1f} | {g.cpu:.1f} "
            f"| {g.cpu / r.size * 1000:.0f} | {ours_cpu:.1f} | {ours_cpu / g.cpu:.0%} ({ours_wall / g.hooks['wall_in_process']:.0%}) "
            f"| {ours_cpu / r.size * 1000:.1f} | {g.pagefind_cpu():.1f}, {g.pagefind_cpu() / g.cpu:.0%} "
            f"| {pagefind.get('wall', 0):.1f} | {g.plugin_cpu('material/search'):.2f} | {g.jieba_cpu():.1f} "
            f"| {g.hooks['peak_rss_in_process'] / MB:.0f} / {pagefind.get('peak_rss_children', 0) / MB:.0f} "
            f"| {r.pagefind_bytes / MB:.1f}, {r.pagefind_files:,} "
            f"| {h.pages:,}, {h.wall:.1f}, {h.cpu:.1f} | {g.wall / h.wall:.2f} ({g.cpu / h.cpu:.2f}) |"
        )
    checks = [
        f"{r.size:,} cases {r.generated.cpu:.1f} = {r.generated.hooks['cpu_in_process']:.1f} + "
        f"{r.generated.hooks['cpu_children']:.1f} + {r.generated.hooks.get('cpu_after_timings', 0):.1f}"
        for r in results
    ]
    out += [
        "",
        "Build CPU (os.wait4) = the mkdocs process until its timings are written + its children "
        "(Pagefind) + the interpreter's exit: " + "; ".join(checks) + ".",
    ]
    return out


def cpu_table(results: list[SizeResult]) -> list[str]:
    """Where each build's CPU time goes, generated against hand-written: the ratio explained."""
    parts = {
        "training plugin": lambda b: b.plugin_cpu("training"),
        "Pagefind": Build.pagefind_cpu,
        "Material search": lambda b: b.plugin_cpu("material/search"),
        "jieba dictionary": Build.jieba_cpu,
        "tags": lambda b: b.plugin_cpu("material/tags"),
    }
    out = [
        "### Where the CPU time goes, generated / hand-written (seconds)",
        "",
        "| cases | build | "
        + " | ".join(parts)
        + " | MkDocs, Markdown, theme and the rest | ratio without search |",
        "| ---: | ---: | " + "---: | " * len(parts) + "---: | ---: |",
    ]
    search = ("Pagefind", "Material search", "jieba dictionary")
    for r in results:
        cells = [f"{r.generated.cpu:.1f} / {r.handwritten.cpu:.1f}"]
        for measure in parts.values():
            cells.append(" / ".join(f"{measure(b):.1f}" for b in (r.generated, r.handwritten)))
        rest = [
            b.cpu - sum(measure(b) for measure in parts.values())
            for b in (r.generated, r.handwritten)
        ]
        cells.append(" / ".join(f"{value:.1f}" for value in rest))
        without = [
            b.cpu - sum(parts[name](b) for name in search) for b in (r.generated, r.handwritten)
        ]
        cells.append(f"{without[0] / without[1]:.2f}")
        out.append(f"| {r.size:,} | " + " | ".join(cells) + " |")
    return out


def stage_table(results: list[SizeResult]) -> list[str]:
    events = ("config", "files", "page_markdown", "page_content", "post_build")
    out = [
        "### The generator's CPU time, stage by stage (seconds)",
        "",
        "| cases | in the build: on_config (load + check) | on_files (render) | on_page_markdown (glossary links) "
        "| on_page_content (CJK line joins) | on_post_build (service worker, Pagefind subprocess left out) | other hooks "
        "| alone: load | check | render | pages rendered |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        t = r.generated.hooks["plugins_cpu"].get("training", {})
        other = sum(v for k, v in t.items() if k not in events)
        s = r.stages
        out.append(
            f"| {r.size:,} | "
            + " | ".join(f"{t.get(event, 0):.2f}" for event in events)
            + f" | {other:.2f} "
            f"| {s['load']:.2f} | {s['check']:.2f} | {s['render']:.2f} | {s['pages']:,} |"
        )
    return out


def weight_table(results: list[SizeResult]) -> list[str]:
    out = [
        "### First load of a page (empty cache, service workers blocked)",
        "",
        "| cases | page | page + assets KB | gzip KB | of which search KB | search files fetched on load, KB each "
        "| pagefind/ files fetched |",
        "| ---: | --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for r in results:
        for kind, (alone, _) in r.weights.items():
            search = alone.only(weigh.SEARCH_FILES)
            out.append(
                f"| {r.size:,} | {kind} | {alone.total() / KB:,.0f} | {alone.total_gzip() / KB:,.0f} "
                f"| {search.total() / KB:,.1f} | {_files(search)} | {len(alone.only(('pagefind/',)).sizes)} |"
            )
    return out


def phone_table(results: list[SizeResult]) -> list[str]:
    """What a phone on mobile data pays: a first visit, the offline pack, a first search."""
    out = [
        "### A phone's data: first visit, offline pack, first search",
        "",
        "| cases | first visit, all traffic KB (gzip): case page | procedure page "
        "| offline pack: pages, files, MB on disk (gzip MB) | of which its search index: files, KB "
        f"| {QUERY} typed on a cold case page: KB before the first result (gzip) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        visits = []
        for kind in ("case", "procedure"):
            visit = r.weights.get(kind, (None, None))[1]
            visits.append(
                f"{visit.total() / KB:,.0f} ({visit.total_gzip() / KB:,.0f})" if visit else "–"
            )
        p = r.pack
        pack = f"{p.pages}, {p.files}, {p.bytes / MB:.2f} ({p.gzip_bytes / MB:.2f})" if p else "–"
        index = f"{p.search_files}, {p.search_bytes / KB:,.0f}" if p else "–"
        search = "–"
        if r.search:
            run = median_run(r.search)
            search = f"{run.total.total() / KB:,.0f} ({run.total.total_gzip() / KB:,.0f})"
        out.append(f"| {r.size:,} | {visits[0]} | {visits[1]} | {pack} | {index} | {search} |")
    return out


def shipped_search_table(results: list[SizeResult]) -> list[str]:
    runs = max(len(r.search) for r in results)
    out = [
        f"### Search on the site as it ships: {QUERY} typed into the search box of a case page opened cold",
        "",
        "| cases | page on load KB (gzip) | fetched for the query KB (gzip) | before the first result, total KB (gzip) "
        f"| query to first result s, median of {runs} (range) | Material's count line; first result |",
        "| ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        if not r.search:
            continue
        run = median_run(r.search)
        query = run.total.minus(run.page)
        out.append(
            f"| {r.size:,} | {run.page.total() / KB:,.0f} ({run.page.total_gzip() / KB:,.0f}) "
            f"| {query.total() / KB:,.0f} ({query.total_gzip() / KB:,.0f}) "
            f"| {run.total.total() / KB:,.0f} ({run.total.total_gzip() / KB:,.0f}) "
            f"| {_times(r.search)} | {run.count}; {run.first} |"
        )
    return out


def search_table(s: SearchResult) -> list[str]:
    runs = len(s.variants[0].runs) if s.variants else 0
    out = [
        f"### Search at {s.size:,} cases: {QUERY} typed into Material's search box on a case page opened cold",
        "",
        "| search | build wall s, CPU s | index on disk | page on load KB (gzip) | fetched for the query KB (gzip) "
        f"| before the first result, total KB (gzip) | query to first result s, median of {runs} (range) "
        "| Material's count line; first result | search files fetched before the first result, KB each |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for v in s.variants:
        run = median_run(v.runs)
        query = run.total.minus(run.page)
        bytes_vary = {r.total.total() for r in v.runs}
        vary = (
            ""
            if len(bytes_vary) == 1
            else f" (runs: {', '.join(f'{b / KB:,.0f}' for b in sorted(bytes_vary))})"
        )
        out.append(
            f"| {v.name} | {v.build.wall:.1f}, {v.build.cpu:.1f} "
            f"| {v.index_bytes / MB:.1f} MB in {v.index_files:,} file{'s' if v.index_files != 1 else ''} "
            f"| {run.page.total() / KB:,.0f} ({run.page.total_gzip() / KB:,.0f}) "
            f"| {query.total() / KB:,.0f} ({query.total_gzip() / KB:,.0f}) "
            f"| {run.total.total() / KB:,.0f} ({run.total.total_gzip() / KB:,.0f}){vary} "
            f"| {_times(v.runs)} "
            f"| {run.count}; {run.first} | {_search_files(run.total.only(weigh.SEARCH_FILES))} |"
        )
    return out


def _search_files(transfer: weigh.Transfer) -> str:
    """Search files by kind: Pagefind's many chunks and excerpts are counted, not listed."""
    groups: dict[str, list[int]] = {}
    for path, size in transfer.sizes.items():
        kind = path
        for folder, label in (
            ("pagefind/index/", "index chunks"),
            ("pagefind/fragment/", "excerpts"),
        ):
            if path.startswith(folder):
                kind = f"pagefind/{label}"
        groups.setdefault(kind, []).append(size)
    return (
        ", ".join(
            f"{kind} {sum(sizes) / KB:,.1f}" + (f" ({len(sizes)} files)" if len(sizes) > 1 else "")
            for kind, sizes in sorted(groups.items())
        )
        or "none"
    )


def header(sizes: list[int], started: float, case_chars: float, runs: int) -> str:
    load = os.getloadavg()
    return "\n".join(
        [
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
            "- **Builds** are the site as it ships: the training plugin's default `search: pagefind`, so Material's "
            "search plugin indexes nothing and the plugin runs Pagefind (`python -m pagefind`) on the finished site. "
            "**Build CPU s** is user + system time of the build process and of the children it waited for (os.wait4), "
            "so Pagefind's CPU is in it; bench/run.py checks that it equals the build process's own CPU plus its "
            "children's as counted inside the build.",
            "- **Generator CPU s / share**: CPU time inside the training plugin's event handlers (on_config = load + "
            "check, on_files = render, the per-page hooks, on_post_build = the service worker and the list of "
            "Pagefind's excerpt files), clocked per plugin event during the real build (bench/timed_build.py), over "
            "the build's CPU time; the wall-clock share is in brackets. The Pagefind subprocess is left out of it: "
            "Pagefind is a search engine, not the generator. The *alone* columns time the same core functions "
            "(load_knowledge_base, check_knowledge_base, render_pages) in the benchmark's own process, outside MkDocs.",
            "- **Pagefind CPU s, share / wall s / peak RSS**: the `python -m pagefind` subprocesses the plugin runs in "
            "on_post_build (Python wrapper and Pagefind's binary: the site's index, started first and waited for last, "
            "and the offline pack's), clocked where each is waited for; their CPU and peak RSS come from the build "
            "process's RUSAGE_CHILDREN, the share is of the build's CPU; the wall clock is the time the build waited "
            "for them (the offline pack and the .gz/.br copies of the stylesheets and scripts are made while the site's index is being "
            "built). **pagefind/ MB, files**: the "
            "index it writes, which takes the place of Material's search_index.json.",
            "- **Material search plugin CPU s** and **jieba dictionary CPU s**: what is left of Material's search in "
            "the default build (an empty index), and jieba loading its dictionary, clocked apart from whichever "
            "handler triggers it (0 when nothing is segmented). In the hand-written baseline (training plugin "
            "disabled) Material's search indexes every page with jieba, so the ratio to it compares Pagefind "
            "with lunr + jieba as well as generated with hand-written pages; *ratio without search* leaves Pagefind, "
            "Material's search plugin and jieba's dictionary out of both.",
            "- **Floor** (issue 17): the hand-written project built with Material's search off, then Pagefind run "
            "over it with the site's own options (generator.pagefind.pagefind_command), each measured with os.wait4; "
            "*ours / floor* is the generated build's CPU over the sum. The **profile** at 1,000 cases comes from "
            "per-page clocks in bench/timed_build.py (MkDocs' two page steps, Python-Markdown, the template, every "
            "plugin's page events, nh3) and, for what Pagefind indexed, from its excerpt files.",
            "- **Hand-written**: the same cases, procedures, question banks and reference text as plain Markdown pages, "
            "same mkdocs.yml with the training plugin disabled; ratio = generated build / hand-written build.",
            "- **Peak RSS**: ru_maxrss of the build process itself (RUSAGE_SELF inside it) and of the Pagefind "
            "subprocess. **Page weights**: body bytes served by a local http.server to headless Chromium opening the "
            "page with an empty cache and service workers blocked, until no request for "
            f"{weigh.SETTLE_SECONDS} s; *of which search* are the search files among them (Material's index, "
            "worker and lunr, our search worker, anything under pagefind/). http.server does not compress: gzip "
            "figures say what a compressing server would send.",
            "- **A phone's data**: *first visit* is every body byte the server sent for a page opened with an empty cache "
            "and the service worker allowed to install, until it controls the page and no request has come for "
            f"{weigh.FIRST_VISIT_QUIET} s (the worker's and web workers' requests included: counted at the server); the "
            "*offline pack* is offline-pack.json's pages and files weighed on disk (gzip: the build's .gz copies, and the pages at gzip level 6 as a server compresses them), fetched "
            "only when someone taps 保存到本机，离线可用; *first search* is the total before the first result in the "
            "search table below.",
            "- **Search**: the case page opened cold in Chromium (service workers blocked) and left to settle, then "
            f"{QUERY} typed into Material's search box; bytes counted from opening the page until the first result is "
            "listed, on the default build at each size and, at 1,000 cases, also on the same synthetic project built with "
            "`search: material` in the training plugin's options (Material's lunr index segmented with jieba). *Query to first result* is "
            "measured in the page, from the keyup that sends the query to the first result in the list, served from "
            f"127.0.0.1; each search is run {runs} times in new browser contexts and the median run is shown (once "
            f"when it took over {weigh.SLOW_SEARCH_SECONDS} s; a search with no result within "
            f"{weigh.SEARCH_TIMEOUT_SECONDS} s is reported as such).",
        ]
    )


NOTES_MARKER = "<!-- Notes below this line are written by hand and kept when the benchmark rewrites this file. -->"


def kept_notes(results_md: Path) -> str:
    """The hand-written part of results.md (after NOTES_MARKER), kept across runs."""
    if results_md.exists():
        old = results_md.read_text(encoding="utf-8")
        if NOTES_MARKER in old:
            return "\n" + NOTES_MARKER + old.split(NOTES_MARKER, 1)[1]
    return ""
