"""`mkdocs build` with a stopwatch on every plugin event, for the benchmark.

Run as ``python bench/timed_build.py TIMINGS.json [mkdocs build options]``: it is exactly
``mkdocs build`` (MkDocs' own command-line entry point, in this process), except that
PluginCollection.run_event is wrapped so the time spent in each plugin's handler of each
event is added up (wall clock and CPU time) and written to TIMINGS.json when the build
ends. The wrapper costs four clock reads per handler call. jieba's dictionary is loaded before the build and timed on
its own. With ``--profile FILE`` the whole build runs under cProfile.
"""

from __future__ import annotations

import atexit
import cProfile
import json
import sys
import time
from collections import defaultdict

from mkdocs.plugins import PluginCollection

_seconds: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
_cpu: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
_calls: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))


def _timed_run_event(self: PluginCollection, name: str, item=None, **kwargs):
    # The body of MkDocs 1.6's run_event, with a clock around each handler.
    pass_item = item is not None
    for method in self.events[name]:
        plugin = self._event_origins.get(method, "<unknown>")
        self._current_plugin = plugin
        start, start_cpu = time.perf_counter(), time.process_time()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        _seconds[plugin][name] += time.perf_counter() - start
        _cpu[plugin][name] += time.process_time() - start_cpu
        _calls[plugin][name] += 1
        if result is not None:
            item = result
    self._current_plugin = None
    return item


def _load_segmenter() -> None:
    # jieba loads its dictionary (seconds) the first time anyone segments or adds a word:
    # in the search plugin, or in the training plugin when it teaches jieba the glossary.
    # Loaded here, before the build, it is charged to neither and reported on its own.
    try:
        import jieba
    except ImportError:
        return
    start, start_cpu = time.perf_counter(), time.process_time()
    jieba.initialize()
    _seconds["jieba"]["initialize"] += time.perf_counter() - start
    _cpu["jieba"]["initialize"] += time.process_time() - start_cpu


def main() -> None:
    timings_path, args = sys.argv[1], sys.argv[2:]
    profile_path = None
    if args[:1] == ["--profile"]:
        profile_path, args = args[1], args[2:]
    started = time.perf_counter()

    def write_timings() -> None:
        report = {
            "wall_in_process": time.perf_counter() - started,
            "cpu_in_process": time.process_time(),
            "plugins": {plugin: dict(events) for plugin, events in _seconds.items()},
            "plugins_cpu": {plugin: dict(events) for plugin, events in _cpu.items()},
            "calls": {plugin: dict(events) for plugin, events in _calls.items()},
        }
        with open(timings_path, "w", encoding="utf-8") as out:
            json.dump(report, out, indent=1)

    atexit.register(write_timings)
    PluginCollection.run_event = _timed_run_event
    _load_segmenter()
    from mkdocs.__main__ import cli

    if profile_path:
        profiler = cProfile.Profile()
        atexit.register(lambda: profiler.dump_stats(profile_path))
        profiler.enable()
    cli(["build", *args], prog_name="mkdocs")


if __name__ == "__main__":
    main()
