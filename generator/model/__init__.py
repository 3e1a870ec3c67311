"""Typed content models: the single source of truth for validation and the JSON Schema."""

from generator.model.case import Case, DiscussionQuestion, PrincipleUse
from generator.model.reference import (
    ComplaintCategory,
    CustomerType,
    ForbiddenPhrase,
    GlossaryTerm,
    Principle,
    ReferenceFile,
)

# The reference kinds: file stem under reference/ → the model of one entry.
REFERENCE_KINDS: dict[str, type] = {
    "principles": Principle,
    "complaint-categories": ComplaintCategory,
    "customer-types": CustomerType,
    "forbidden-phrases": ForbiddenPhrase,
    "glossary": GlossaryTerm,
}

__all__ = [
    "Case",
    "ComplaintCategory",
    "CustomerType",
    "DiscussionQuestion",
    "ForbiddenPhrase",
    "GlossaryTerm",
    "Principle",
    "PrincipleUse",
    "REFERENCE_KINDS",
    "ReferenceFile",
]
