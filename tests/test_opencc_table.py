"""The Traditional→Simplified table the search worker applies to a query (投訴 → 投诉)."""

from __future__ import annotations

import json

from generator.opencc_table import TABLE, decode, encode, read_pairs

# Lines as OpenCC's TSCharacters.txt writes them: a comment, a character with two
# Simplified candidates (the first is taken), one whose first candidate is itself (left out),
# and one beyond the Basic Multilingual Plane.
SAMPLE = """# Open Chinese Convert (OpenCC) Dictionary
訴\t诉
乾\t乾 干
們\t们
這\t这
歸\t归
䊷\t䌶
𡞵\t㛟
"""


def test_opencc_lines_become_pairs_and_survive_the_compact_form():
    pairs = read_pairs(SAMPLE.splitlines())
    assert pairs == {"訴": "诉", "們": "们", "這": "这", "歸": "归", "䊷": "䌶", "𡞵": "㛟"}
    table = encode(pairs, "sample")
    assert decode(table) == pairs
    # Code-point order, as base-36 differences: the first is the code point itself.
    assert table["traditional"].split(",")[:2] == [
        format_base36(ord("䊷")),
        format_base36(ord("們") - ord("䊷")),
    ]


def format_base36(number: int) -> str:
    return (
        ""
        if number == 0
        else format_base36(number // 36) + "0123456789abcdefghijklmnopqrstuvwxyz"[number % 36]
    )


def test_the_shipped_table_turns_traditional_queries_into_the_sites_simplified_words():
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    assert "OpenCC" in table["source"] and "Apache-2.0" in table["source"]
    pairs = decode(table)
    assert len(pairs) > 3000
    convert = lambda text: "".join(pairs.get(char, char) for char in text)  # noqa: E731
    assert convert("投訴") == "投诉"
    assert convert("這不歸我們管") == "这不归我们管"
    assert convert("處理業主投訴，態度誠懇") == "处理业主投诉，态度诚恳"
    # Simplified text and what is not Chinese pass unchanged.
    assert convert("投诉 sand-pit 3") == "投诉 sand-pit 3"
    assert all(simplified != traditional for traditional, simplified in pairs.items())
    assert (
        (TABLE.parent / "opencc-LICENSE.txt")
        .read_text(encoding="utf-8")
        .startswith("Apache License")
    )
