"""Training-site generator: YAML cases and reference data in, MkDocs pages out.

The pipeline is load (``load.py``) → check (``check.py``) → render (``render.py``);
``plugin.py`` adapts it to MkDocs and ``cli.py`` to the command line.
"""
