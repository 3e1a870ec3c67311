"""`mkdocs build` with a stopwatch on every plugin event, for the benchmark.

Run as ``python bench/timed_build.py TIMINGS.json [mkdocs build options]``: it is exactly
``mkdocs build`` (MkDocs' own command-line entry point, in this process), except that
PluginCollection.run_event is wrapped so the time spent in each plugin's handler of each
event is added up (wall clock and CPU time) and written to TIMINGS.json when the build
ends. The wrapper costs four clock reads per handler call. Three things are clocked apart
from the handler they happen in: jieba loading its dictionary (whichever plugin segments
first would otherwise carry it), the Pagefind subprocess the training plugin runs after
the build (a search engine, not the generator; each run apart, its CPU counted when it is
reaped; the offline pack's index is one run, a process in Pagefind's service mode) and the
.gz and .br copies it writes. Each page's CPU time is clocked too, by part: MkDocs' two page
steps, and within them Python-Markdown, the theme's template, each plugin's page events and our
sanitiser (nh3). With ``--profile FILE`` the whole build runs under cProfile.

A reach into MkDocs' internals that stays here, outside generator/upstream/, because it is
not shipped: only the benchmark runs it. Assumes MkDocs 1.6's ``PluginCollection`` (its
``run_event(name, item, **kwargs)``, ``events`` and ``_event_origins``; contract test in
tests/test_upstream.py). Delete when MkDocs times plugin events itself.
"""

from __future__ import annotations

import atexit
import cProfile
import json
import resource
import subprocess
import sys
import time
from collections import defaultdict

from mkdocs.plugins import PluginCollection

_seconds: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
_cpu: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
_calls: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
# Work clocked on its own, whatever handler it happens in: name → wall and CPU seconds.
_apart: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
# Each page's CPU seconds by part (site path → part → seconds), and the page being clocked.
_pages: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
_current: list[str] = []
_clocking: set[str] = set()


def _apart_totals() -> tuple[float, float]:
    return sum(a["wall"] for a in _apart.values()), sum(
        a["cpu_in_process"] for a in _apart.values()
    )


def _timed_run_event(self: PluginCollection, name: str, item=None, **kwargs):
    # The body of MkDocs 1.6's run_event, with a clock around each handler.
    pass_item = item is not None
    for method in self.events[name]:
        plugin = self._event_origins.get(method, "<unknown>")
        self._current_plugin = plugin
        start, start_cpu = time.perf_counter(), time.process_time()
        apart_wall, apart_cpu = _apart_totals()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        end_wall, end_cpu = _apart_totals()
        _seconds[plugin][name] += time.perf_counter() - start - (end_wall - apart_wall)
        _cpu[plugin][name] += time.process_time() - start_cpu - (end_cpu - apart_cpu)
        _calls[plugin][name] += 1
        if _current:
            _pages[_current[-1]]["events " + plugin] += (
                time.process_time() - start_cpu - (end_cpu - apart_cpu)
            )
        if result is not None:
            item = result
    self._current_plugin = None
    return item


def _clock_apart(name: str, function, label=None, each: bool = True):
    """``function`` wrapped so its time goes to ``_apart[name]``, and to no handler;
    ``label(args)`` names each call in ``each_label``; without ``each``, the calls are not
    listed one by one (a run made of several calls lists only the one that reaps it)."""

    def clocked(*args, **kwargs):
        start, start_cpu = time.perf_counter(), time.process_time()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            return function(*args, **kwargs)
        finally:
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            record = _apart[name]
            record["wall"] += time.perf_counter() - start
            record["cpu_in_process"] += time.process_time() - start_cpu
            # Children reaped meanwhile (Pagefind's Python wrapper and its binary): their
            # CPU is not this process's, but os.wait4 counts it in the build's.
            record["cpu_children"] += (after.ru_utime + after.ru_stime) - (
                children.ru_utime + children.ru_stime
            )
            record["peak_rss_children"] = max(
                record["peak_rss_children"], after.ru_maxrss * 1024
            )  # Linux: KiB
            record["calls"] += 1
            # Each call apart too (Pagefind runs more than once: the site's index, the
            # offline pack's).
            if each:
                record.setdefault("each_cpu_children", []).append(
                    (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
                )
            if each and label is not None:
                record.setdefault("each_label", []).append(label(args))

    return clocked


def _clock_segmenter() -> None:
    # jieba loads its dictionary (a second) the first time anyone segments or adds a word:
    # Material's search plugin, or the training plugin teaching it the glossary. Clocked
    # apart, it is reported on its own; a build that never segments never loads it.
    try:
        import jieba
    except ImportError:
        return
    jieba.Tokenizer.initialize = _clock_apart("jieba dictionary", jieba.Tokenizer.initialize)


def _clock_pagefind() -> None:
    # The training plugin starts `python -m pagefind` (generator.pagefind.SearchIndex) and
    # waits for it after other work; its CPU counts when it is reaped, in SearchIndex.wait.
    # Each run is labelled by the folder it writes (pagefind: the site's index).
    try:
        from generator.pagefind import SearchIndex
    except ImportError:
        SearchIndex = None
    if SearchIndex is not None:
        SearchIndex.wait = _clock_apart(
            "pagefind", SearchIndex.wait, label=lambda args: args[0].output_subdir
        )
    # The offline pack's index: one Pagefind process in its service mode (SearchService)
    # for every attempt, waited for in each ``index`` and reaped on leaving it, where its
    # CPU counts: one run, labelled by its folder as the others.
    try:
        from generator.pagefind import SearchService
    except ImportError:
        SearchService = None
    if SearchService is not None:
        for method in ("__enter__", "index"):
            clocked = _clock_apart("pagefind", getattr(SearchService, method), each=False)
            setattr(SearchService, method, clocked)
        SearchService.__exit__ = _clock_apart(
            "pagefind", SearchService.__exit__, label=lambda args: args[0].output_subdir
        )
    # The preview, and code before SearchIndex, run it with subprocess.run.
    run = subprocess.run
    clocked = _clock_apart("pagefind", run, label=_output_subdir)

    def dispatch(args, *rest, **kwargs):
        is_pagefind = isinstance(args, (list, tuple)) and "pagefind" in map(str, args)
        return (clocked if is_pagefind else run)(args, *rest, **kwargs)

    subprocess.run = dispatch


def _output_subdir(args) -> str:
    command = list(map(str, args[0]))
    return command[command.index("--output-subdir") + 1] if "--output-subdir" in command else ""


def _clock_precompress() -> None:
    # The training plugin writes .gz and .br copies of the site's stylesheets, scripts and
    # data in on_post_build (in two parts: while Pagefind runs, then for its index and the
    # service worker).
    try:
        from generator import site_finish
    except ImportError:
        return
    for name in ("precompress_files", "precompress_site"):
        if hasattr(site_finish, name):
            setattr(site_finish, name, _clock_apart("precompress", getattr(site_finish, name)))


def _clock_per_page(part: str, function, starts_page: bool = False):
    """``function`` wrapped so its CPU time is added to ``part`` of the page being built;
    with ``starts_page``, its first argument is that page (MkDocs' _populate_page, _build_page)."""

    def clocked(*args, **kwargs):
        if starts_page:
            _current.append(args[0].file.dest_uri)
        elif not _current or part in _clocking:  # a part inside itself is clocked once
            return function(*args, **kwargs)
        page = _current[-1]
        start = time.process_time()
        _clocking.add(part)
        try:
            return function(*args, **kwargs)
        finally:
            _clocking.discard(part)
            _pages[page][part] += time.process_time() - start
            if starts_page:
                _current.pop()

    return clocked


def _clock_pages() -> None:
    # Each page's time in MkDocs' two page steps (Markdown to HTML with the page events;
    # the theme's template with the context and post_page events), and within them
    # Python-Markdown (Page.render), the template (Template.render) and nh3 (our sanitiser).
    import jinja2
    from mkdocs.commands import build
    from mkdocs.structure.pages import Page

    build._populate_page = _clock_per_page("populate", build._populate_page, starts_page=True)
    build._build_page = _clock_per_page("build", build._build_page, starts_page=True)
    Page.render = _clock_per_page("markdown", Page.render)
    try:  # pages our templates wrote as HTML: their Markdown is their snippets
        from generator.upstream import mkdocs_page

        mkdocs_page.HtmlPages._render = _clock_per_page("markdown", mkdocs_page.HtmlPages._render)
    except ImportError:
        pass
    jinja2.Template.render = _clock_per_page("template", jinja2.Template.render)
    try:
        from generator.render import sanitize
    except ImportError:
        return
    sanitize.sanitize_html = _clock_per_page("nh3", sanitize.sanitize_html)


def main() -> None:
    timings_path, args = sys.argv[1], sys.argv[2:]
    profile_path = None
    if args[:1] == ["--profile"]:
        profile_path, args = args[1], args[2:]
    started = time.perf_counter()

    def write_timings() -> None:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        report = {
            "wall_in_process": time.perf_counter() - started,
            "cpu_in_process": time.process_time(),
            "peak_rss_in_process": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            * 1024,  # Linux: KiB
            "cpu_children": children.ru_utime + children.ru_stime,
            "plugins": {plugin: dict(events) for plugin, events in _seconds.items()},
            "plugins_cpu": {plugin: dict(events) for plugin, events in _cpu.items()},
            "calls": {plugin: dict(events) for plugin, events in _calls.items()},
            "apart": {name: dict(record) for name, record in _apart.items()},
            "pages": {page: dict(parts) for page, parts in _pages.items()},
        }
        with open(timings_path, "w", encoding="utf-8") as out:
            json.dump(report, out, indent=1)

    atexit.register(write_timings)
    PluginCollection.run_event = _timed_run_event
    _clock_segmenter()
    _clock_pagefind()
    _clock_pages()
    _clock_precompress()
    from mkdocs.__main__ import cli

    if profile_path:
        profiler = cProfile.Profile()
        atexit.register(lambda: profiler.dump_stats(profile_path))
        profiler.enable()
    cli(["build", *args], prog_name="mkdocs")


if __name__ == "__main__":
    main()
