"""What the render stage hands to a site builder: pages as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator import urls
from generator.settings import STALE_AFTER_DAYS

LIBRARY_URI = "cases/index.md"
PROCEDURES_URI = "procedures/index.md"
# Who a build is for: the trainer's edition has everything; the trainee's leaves out what
# only a trainer should see (see RenderSettings.trainer).
EDITIONS = ("trainer", "trainee")


@dataclass(frozen=True)
class GeneratedPage:
    """One page for the site: where it goes, its Markdown, and where it came from.

    ``in_nav`` pages belong in the sidebar; the others are reached from their ``parent``
    page (the case library, the procedure list), which the sidebar shows as active.
    """

    uri: str
    markdown: str
    in_nav: bool
    source: str | None = None
    parent: str | None = None
    # Exact HTML our own code made for the page (a flowchart's or QR code's SVG, with its
    # style sheet), which the sanitiser passes as it is (see render/sanitize.py).
    trusted: tuple[str, ...] = ()
    # Lines of the trainers' plain prose, written into ``markdown`` as placeholders and put
    # back into the HTML Markdown makes of it (see render/prose.py).
    prose: tuple[str, ...] = ()
    # Set for a page whose ``markdown`` is HTML (front matter aside): the Markdown snippets
    # (headings, notes) whose placeholders MkDocs' Markdown step renders, and nothing else.
    snippets: tuple[str, ...] | None = None


@dataclass(frozen=True)
class RenderSettings:
    """What the core needs to know about the site it renders for."""

    # The public address of the site, for QR codes on printed sheets; None leaves them out.
    site_url: str | None = None
    # Pages live at name/ (MkDocs' use_directory_urls) rather than name.html.
    directory_urls: bool = True
    # The build date, printed on pages and used to flag content overdue for review.
    today: date = field(default_factory=date.today)
    stale_after_days: int = STALE_AFTER_DAYS
    # A preview (`mkdocs serve`): printouts say so instead of pointing at a local address.
    preview: bool = False
    # "trainee": no trainer notes, answer keys, role-play cards, observer sheets or session
    # plans on any page; the render functions leave them out, so neither search nor the
    # service worker can carry them.
    edition: str = "trainer"
    # Where the lessons are among the site's pages: lessons_dir relative to docs_dir
    # (pipeline.site_pages sets it from the project; "" when they are docs_dir itself).
    lessons_folder: str = "lessons"

    @property
    def trainer(self) -> bool:
        """Whether pages may carry what is meant for trainers only."""
        return self.edition != "trainee"

    # Page addresses follow the one rule in generator/urls.py, in this site's URL style.
    def site_path(self, uri: str) -> str:
        """Where a page's HTML is served, relative to the site root."""
        return urls.site_path(uri, self.directory_urls)

    def link(self, from_uri: str, to_uri: str) -> str:
        """A relative href between two pages, for raw HTML that Markdown does not rewrite."""
        return urls.relative_link(from_uri, to_uri, self.directory_urls)

    def page_url(self, uri: str) -> str | None:
        """The absolute address of a page given its Markdown uri, when site_url is known."""
        if not self.site_url:
            return None
        return urls.absolute_url(self.site_url, uri, self.directory_urls)
