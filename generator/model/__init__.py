"""Typed content models: the single source of truth for validation and the JSON Schema."""

from generator.model.case import Case, DiscussionQuestion, PrincipleUse
from generator.model.reference import (
    ComplainantPsychology,
    ComplaintCategory,
    ComplaintValue,
    PersonalityType,
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
    "personality-types": PersonalityType,
    "complainant-psychology": ComplainantPsychology,
    "complaint-values": ComplaintValue,
    "forbidden-phrases": ForbiddenPhrase,
    "glossary": GlossaryTerm,
}

__all__ = [
    "ComplainantPsychology",
    "ComplaintValue",
    "PersonalityType",
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
