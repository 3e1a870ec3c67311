"""Every sentence the generator says to a person, in Chinese, gathered in one place.

Error and warning messages, the command line's help and output, and the few words the
core puts on a page, grouped by where they arise:

- ``files``: reading content files (folders, YAML syntax, encodings);
- ``fields``: a field's value against its model (pydantic errors, the models' own checks);
- ``content``: cross-references, procedure graphs, question quality, page addresses and
  the flowchart's words;
- ``cli``: the ``training-kb`` command (help, output, writing files, exports);
- ``site``: the site build and the preview, and an upstream shape that changed;
- ``pages``: the few words the core puts on a page (link labels, a true/false answer).

Each message is a constant, or a format string with named placeholders filled by the call
site (``msg.DUPLICATE_ID.format(id=..., line=...)``); the call sites keep only the logic
of which message to say. What a field means (its ``description``) stays beside the field
in generator/model/: it is the schema's documentation, and the messages quote it.
Page text rendered by templates lives in the templates (generator/templates/).
"""

# --- words every group uses -------------------------------------------------------------------

# How a Chinese list of names is joined: a、b、c.
LIST_SEPARATOR = "、"
# A guess at what was meant, after a message: 未知字段（是否想写 title？）.
DID_YOU_MEAN = "（是否想写 {guess}？）"
