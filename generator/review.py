"""When content was last reviewed: pages flag what is overdue, `check --stale` lists it.

Facts in customer service change (phone numbers, rules, forms); a case or procedure that
nobody has looked at for a long time should say so rather than quietly mislead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.knowledge_base import KnowledgeBase
from generator.messages import cli as msg
from generator.settings import STALE_AFTER_DAYS


def review_period_problem(value: object) -> str | None:
    """Why a review period (mkdocs.yml's stale_after_days, check's --days) is not a number
    of days, in the trainer's words; None when it is one."""
    if isinstance(value, bool) or not isinstance(value, int):
        return msg.REVIEW_NOT_DAYS.format(value=value)
    if value < 1:
        return msg.REVIEW_TOO_SHORT.format(value=value)
    return None


@dataclass(frozen=True)
class Review:
    """The review state of one page, ready to print."""

    reviewed: date | None
    built: date
    limit_days: int

    @property
    def age_days(self) -> int | None:
        return None if self.reviewed is None else (self.built - self.reviewed).days

    @property
    def stale(self) -> bool:
        return self.reviewed is None or self.age_days > self.limit_days


@dataclass(frozen=True)
class StaleItem:
    path: str
    line: int
    title: str
    review: Review


def stale_items(
    kb: KnowledgeBase, today: date, limit_days: int = STALE_AFTER_DAYS
) -> list[StaleItem]:
    """Cases and procedures whose review is missing or older than ``limit_days``."""
    items = []
    entries = [(c.case, c.doc) for c in kb.cases] + [(p.procedure, p.doc) for p in kb.procedures]
    for content, doc in entries:
        review = Review(content.reviewed, today, limit_days)
        if review.stale:
            line = doc.locate(("reviewed",))[0] if content.reviewed else 1
            items.append(StaleItem(doc.display, line, content.title, review))
    return sorted(items, key=lambda item: (item.path, item.line))
