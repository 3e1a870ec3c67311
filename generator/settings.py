"""The project's defaults, defined once: the MkDocs plugin's options (generator/config.py),
the command-line tool (generator/cli.py) and the core (pipeline.sources_for, RenderSettings)
all take them from here. Nothing here knows MkDocs."""

from __future__ import annotations

# The content folders, relative to mkdocs.yml: plugin option (and Sources field) → default.
CONTENT_FOLDERS: dict[str, str] = {
    "cases_dir": "cases",
    "reference_dir": "reference",
    "procedures_dir": "procedures",
    "forms_dir": "forms",
    "questions_dir": "questions",
    # Lessons are ordinary Markdown pages; questions may link to them by file name.
    "lessons_dir": "content/lessons",
    # Trainers' session plans (timed agendas); left out of the trainee edition.
    "sessions_dir": "sessions",
}

# The trade the site trains for: its cases come first in the case library.
HOME_INDUSTRY = "物业"

# Cases and procedures not reviewed for this many days are flagged on their page and by
# `training-kb check --stale`.
STALE_AFTER_DAYS = 365
