"""The process behind Pagefind's Python API, which the API keeps to itself.

Why: the API (``pagefind.service.PagefindService``) never answers a request when Pagefind's
process ends without answering (it panics when it cannot write a file), and its close()
waits for those answers too. generator/pagefind.py's SearchService watches the process
beside each request, and kills it after a failure instead of closing the API.

Assumes (pagefind 1.5.2): ``PagefindService._backend`` is the asyncio subprocess the API
launched; contract test in tests/test_pagefind.py (the service's process is that
subprocess, and a Pagefind that cannot write stops the build instead of hanging it).

Delete when: the API fails a request whose process has ended.
"""

from __future__ import annotations

import asyncio


def service_process(service) -> asyncio.subprocess.Process:
    """The Pagefind process behind a launched ``PagefindService``."""
    return service._backend
