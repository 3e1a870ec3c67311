"""Which of Material's built files a phone needs offline, recognised by their paths.

Why: the service worker (generator/offline.py) precaches the files every page loads. Material
names its files with a content hash and lists them nowhere a plugin can read, so they are
recognised by the shape of their paths in the built site.

Assumes (mkdocs-material 9.8.x): stylesheets at ``assets/stylesheets/<name>.<hash>.min.css``,
the one script at ``assets/javascripts/bundle.<hash>.min.js``, the favicon at
``assets/images/favicon.png``; its own search's worker at
``assets/javascripts/workers/search.<hash>.min.js`` loading ``assets/javascripts/lunr/min/
lunr.{stemmer.support,zh,multi}.min.js`` for a Chinese site. If a built site has no file of
one of these shapes (``missing_material_assets``), the caller stops the build: a service
worker that silently leaves Material's script out is a site that breaks offline.

Delete when: Material (or its successor) writes a list of the assets its pages load.
"""

from __future__ import annotations

import re

from generator.messages import site as msg

# Files every page of the theme loads.
MATERIAL_ASSETS = re.compile(
    r"^assets/(stylesheets/[^/]+\.css|javascripts/bundle\.[^/]+\.js|images/favicon\.png)$"
)
# Material's search: its worker and the lunr files it loads (not needed with Pagefind).
MATERIAL_SEARCH = re.compile(
    r"^assets/javascripts/(workers/search\.[^/]+\.js"
    r"|lunr/min/lunr\.(stemmer\.support|zh|multi)\.min\.js)$"
)
# One path each shape must match in every built site (the stylesheet, the script).
_REQUIRED = {
    msg.MATERIAL_STYLESHEET: re.compile(r"^assets/stylesheets/main\.[^/]+\.min\.css$"),
    msg.MATERIAL_SCRIPT: re.compile(r"^assets/javascripts/bundle\.[^/]+\.min\.js$"),
}


def missing_material_assets(site_paths: list[str]) -> list[str]:
    """What of Material's files no path of the built site matches (names, in Chinese)."""
    return [
        name
        for name, shape in _REQUIRED.items()
        if not any(shape.match(path) and MATERIAL_ASSETS.match(path) for path in site_paths)
    ]
