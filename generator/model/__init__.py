"""Typed content models: the single source of truth for validation and the JSON Schema."""

from dataclasses import dataclass

from generator.model.case import Case, DiscussionQuestion, PrincipleUse
from generator.model.reference import (
    ComplainantPsychology,
    ComplaintCategory,
    ComplaintValue,
    CustomerType,
    ForbiddenPhrase,
    GlossaryTerm,
    PersonalityType,
    Principle,
    ReferenceFile,
)


@dataclass(frozen=True)
class ReferenceKind:
    """One kind of reference data: its file under reference/ (also its page's address)."""

    entry_model: type  # the model of one entry
    name: str  # its Chinese name, in messages and link labels
    link_field: str | None = None  # the field of a question's `see` link that names an entry


# The reference kinds, each once: file stem under reference/ → what it is.
REFERENCE_KINDS: dict[str, ReferenceKind] = {
    "principles": ReferenceKind(Principle, "投诉处理原则", "principle"),
    "complaint-categories": ReferenceKind(ComplaintCategory, "投诉类别", "complaint_category"),
    "customer-types": ReferenceKind(CustomerType, "难缠客户类型", "customer_type"),
    "personality-types": ReferenceKind(PersonalityType, "性格类型"),
    "complainant-psychology": ReferenceKind(ComplainantPsychology, "投诉心理"),
    "complaint-values": ReferenceKind(ComplaintValue, "投诉的价值"),
    "forbidden-phrases": ReferenceKind(ForbiddenPhrase, "服务禁语", "forbidden_phrase"),
    "glossary": ReferenceKind(GlossaryTerm, "术语", "term"),
}
# A question's link field → the file stem of the kind it names.
REFERENCE_LINKS: dict[str, str] = {
    kind.link_field: stem for stem, kind in REFERENCE_KINDS.items() if kind.link_field
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
    "REFERENCE_LINKS",
    "ReferenceKind",
    "ReferenceFile",
]
