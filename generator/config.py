"""Typed options of the MkDocs plugin (``plugins: - training: ...`` in mkdocs.yml)."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from generator.render.page import EDITIONS
from generator.review import review_period_problem
from generator.settings import CONTENT_FOLDERS, STALE_AFTER_DAYS

# The options that name content folders, as pipeline.sources_for takes them.
FOLDER_OPTIONS = tuple(CONTENT_FOLDERS)


class _ReviewPeriod(opt.Type):
    """A number of days, at least one; the message is the CLI's --days message."""

    def __init__(self) -> None:
        super().__init__(int, default=STALE_AFTER_DAYS)

    def run_validation(self, value: object) -> int:
        if problem := review_period_problem(value):
            raise ValidationError(problem)
        return value


class TrainingConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Folders of content, relative to mkdocs.yml (defaults in generator/settings.py).
    cases_dir = opt.Type(str, default=CONTENT_FOLDERS["cases_dir"])
    reference_dir = opt.Type(str, default=CONTENT_FOLDERS["reference_dir"])
    procedures_dir = opt.Type(str, default=CONTENT_FOLDERS["procedures_dir"])
    forms_dir = opt.Type(str, default=CONTENT_FOLDERS["forms_dir"])
    questions_dir = opt.Type(str, default=CONTENT_FOLDERS["questions_dir"])
    lessons_dir = opt.Type(str, default=CONTENT_FOLDERS["lessons_dir"])
    sessions_dir = opt.Type(str, default=CONTENT_FOLDERS["sessions_dir"])
    # Cases and procedures not reviewed for this many days are flagged on their page.
    stale_after_days = _ReviewPeriod()
    # Search behind Material's box: Pagefind's chunked index (a phone fetches a few
    # hundred KB per query), or Material's own single index. The file:// copy (Material's
    # offline plugin enabled) always uses Material's, which works without a server.
    search = opt.Choice(("pagefind", "material"), default="pagefind")
    # Who the site is for: "trainer" (everything) or "trainee", which leaves out trainer
    # notes, answer keys, role-play cards and observer sheets, and session plans
    # (EDITION=trainee make site).
    edition = opt.Choice(EDITIONS, default="trainer")
    # HTML made from trainers' Markdown (cases, banks, lessons ...) is cleaned with an
    # allowlist: no script, event handler, style or javascript: link. A site whose authors
    # are all trusted and want raw HTML sets `raw_html: true`.
    raw_html = opt.Type(bool, default=False)
