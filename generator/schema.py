"""JSON Schema files for editors, generated from the models (the single source of truth).

VS Code's YAML extension maps them onto the content folders so trainers get
autocompletion and the field descriptions as tooltips.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.messages import cli as msg
from generator.model import REFERENCE_KINDS, Case, ReferenceFile
from generator.model.form import Form
from generator.model.procedure import Procedure
from generator.model.question import QuestionBank
from generator.model.session import Session
from generator.output_file import OutputRefused, write_text

SCHEMA_DIR = Path(__file__).parent / "schema"


def json_schemas() -> dict[str, str]:
    """File name → schema text, for every kind of content file."""
    models = {
        "case.schema.json": Case,
        "procedure.schema.json": Procedure,
        "form.schema.json": Form,
        "question-bank.schema.json": QuestionBank,
        "session.schema.json": Session,
    }
    for stem, kind in REFERENCE_KINDS.items():
        models[f"reference-{stem}.schema.json"] = ReferenceFile[kind.entry_model]
    schemas = {}
    for name, model in models.items():
        schema = model.model_json_schema()
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"
        schemas[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return schemas


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema into ``folder`` (which must exist); OutputRefused if one cannot be."""
    written = []
    for name, text in json_schemas().items():
        path = folder / name
        if path.is_symlink() or path.exists() and not path.is_file():
            raise OutputRefused(msg.NOT_REGULAR_FILE.format(path=path))
        write_text(path, text)
        written.append(path)
    return written
