"""Pages kept out of the sidebar (a case, a procedure, a printout) show their parent page (the
case library, the procedure list) as the active sidebar item while they render.

Why: MkDocs marks only the page being built as active, and InclusionLevel.NOT_IN_NAV pages
have no place in the nav; Material's blog plugin solves the same with its own views.

Assumes (mkdocs 1.6.1): ``Page.active`` is a settable property that Material's nav templates
read while the page renders, and that MkDocs resets after each page.

Delete when: MkDocs lets a page name its nav parent.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.render import GeneratedPage


class ActiveParents:
    def __init__(self, pages: list[GeneratedPage]):
        self.parents = {page.uri: page.parent for page in pages if page.parent}
        self.nav_pages: dict[str, Page] = {}

    def use_nav(self, nav: Navigation) -> None:
        self.nav_pages = {page.file.src_uri: page for page in nav.pages}

    def mark(self, page: Page, active: bool) -> None:
        """While ``page`` renders (active=True) and after (False)."""
        if page.file.generated_by != "training":
            return
        parent = self.nav_pages.get(self.parents.get(page.file.src_uri, ""))
        if parent is not None:
            parent.active = active
