"""Material's interface words (页眉, 搜索 …) looked up once per build, not once per use.

Why: Material's partials/language.html defines ``t(key)`` as a call of the language's
macro, which builds its whole table of about sixty words to return one of them; a page asks
for 22 words (0.1 CPU s at 1,000 cases). generator/theme/partials/language.html (ours,
found before Material's) defines ``t`` over ``translate`` below, which asks Material's
macros once per word and keeps the answer.

Assumes (mkdocs-material 9.8.x): partials/language.html is the three lines of
MATERIAL_LANGUAGE, so that a word is ``lang.t(key) or fallback.t(key) or key`` with the
language's and English's templates under partials/languages/; contract test in
tests/test_upstream.py.

Delete when: Material keeps its words in a table made once.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig

# Material's partials/language.html, but for its first line (a comment), verbatim.
MATERIAL_LANGUAGE = (
    '{% import "partials/languages/" ~ config.theme.language ~ ".html" as lang %}\n'
    '{% import "partials/languages/en.html" as fallback %}\n'
    "{% macro t(key) %}{{ lang.t(key) or fallback.t(key) or key }}{% endmacro %}\n"
)


def share_translations(env: Environment, config: MkDocsConfig) -> None:
    """Give the templates of this build (``env``) the words of the site's language."""
    env.globals["training_translate"] = Translations(env, config.theme["language"]).translate


class Translations:
    def __init__(self, env: Environment, language: str):
        self.env, self.language = env, language
        self.words: dict[str, str] = {}

    def translate(self, key: str) -> str:
        """What Material's ``t(key)`` writes."""
        word = self.words.get(key)
        if word is None:
            lang = self.env.get_template(f"partials/languages/{self.language}.html").module
            fallback = self.env.get_template("partials/languages/en.html").module
            word = self.words[key] = str(lang.t(key) or fallback.t(key) or key)
        return word
