"""Typed options of the MkDocs plugin (``plugins: - training: ...`` in mkdocs.yml)."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from generator.render.page import EDITIONS


# The options that name content folders, as pipeline.sources_for takes them.
FOLDER_OPTIONS = ("cases_dir", "reference_dir", "procedures_dir", "forms_dir", "questions_dir", "lessons_dir", "sessions_dir")


class TrainingConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Folders of YAML content, relative to mkdocs.yml.
    cases_dir = opt.Type(str, default="cases")
    reference_dir = opt.Type(str, default="reference")
    procedures_dir = opt.Type(str, default="procedures")
    forms_dir = opt.Type(str, default="forms")
    questions_dir = opt.Type(str, default="questions")
    # Lessons are ordinary Markdown pages; questions may link to them by file name.
    lessons_dir = opt.Type(str, default="content/lessons")
    # Trainers' session plans (timed agendas); left out of the trainee edition.
    sessions_dir = opt.Type(str, default="sessions")
    # Cases and procedures not reviewed for this many days are flagged on their page.
    stale_after_days = opt.Type(int, default=365)
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
