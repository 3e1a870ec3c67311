"""Synthetic knowledge bases for the benchmark, written from the real seed text.

``make_project`` copies the real site config (mkdocs.yml, content/), reference/ and forms/
into a folder and writes synthetic cases, procedures (one per 50 cases) and question banks
(ten questions per 20 cases), their text cut from the seed documents. bench/handwritten.py
writes the same text as plain Markdown pages for the baseline built without the generator.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.model.question import QUESTION_TYPES as QUESTION_NAMES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

CASES_PER_PROCEDURE = 50
CASES_PER_BANK = 20
QUESTIONS_PER_BANK = 10

TAGS = (
    "设施",
    "安全",
    "答复",
    "上门",
    "道歉",
    "收费",
    "停车",
    "噪音",
    "维修",
    "供暖",
    "电梯",
    "保洁",
    "绿化",
    "装修",
    "安保",
    "投诉升级",
    "回访",
    "沟通",
    "礼仪",
    "禁语",
    "首问负责",
    "情绪",
    "承诺",
    "记录",
    "整改",
    "邻里",
    "宠物",
    "漏水",
    "门禁",
    "快递",
)
INDUSTRIES = ("物业",) * 7 + ("工程机械", "航空", "通信")
QUESTION_TYPES = tuple(QUESTION_NAMES)  # every type, in the model's order

# Lines of the scraped pages that are the document site's, not the training material's.
_BOILERPLATE = re.compile(
    r"下载|下載|上传|上傳|举报|舉報|版权|版權|侵权|侵權|文库|文庫|客服|ICP|QQ|http|www\.|"
    r"\.ppt|\.doc|页数|頁數|阅读|閱讀|收藏|分享|评论|評論|相关|相關|猜你喜欢|当前位置|本站|"
    r"提交|会员|會員|合集|资源|資源|预览|預覽"
)
_NOISE = [
    re.compile(r"\([a-z\s]{1,24}\)"),  # stray pinyin of the scrape: 单元(dnyun)
    re.compile(r"第\s*\d+\s*页\s*/\s*共\s*\d+\s*页"),
    re.compile(r"第[一二三四五六七八九十百零]+页[,，]\s*共\s*\d+\s*页。?"),
    re.compile(r"案例P\d+"),
]
_PAGE_MARKER = re.compile(r"^\s*\d+、")  # page breaks of the document viewer
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A handful of characters that only Traditional text uses: the site is Simplified.
_TRADITIONAL = re.compile(r"[與關係戶這個們來為會對說時過還進認識應當實體經務產]")


# --- Seed text -----------------------------------------------------------------------


def seed_sentences() -> list[str]:
    """Clean Chinese sentences from the Simplified seed files, in reading order."""
    sentences: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="ignore")
        if len(_TRADITIONAL.findall(text)) > len(_CJK.findall(text)) / 100:
            continue  # a Traditional-script document
        # Long lines are slide text that may mention 下载 or 相关; only short ones are the site's.
        lines = [
            line for line in text.splitlines() if len(line) > 70 or not _BOILERPLATE.search(line)
        ]
        # Lines break mid-sentence (and mid page marker): join them first.
        text = "".join(_PAGE_MARKER.sub("", line).strip() for line in lines)
        for noise in _NOISE:
            text = noise.sub("", text)
        # Slides were flattened with ASCII commas between fields.
        text = text.replace(",", "，")
        for sentence in _SENTENCE_END.split(text):
            sentence = sentence.strip(" ，、")
            for piece in _cut(sentence, 120):
                cjk = len(_CJK.findall(piece))
                if cjk >= 10 and cjk >= 0.6 * len(piece):
                    sentences.append(piece)
    if len(sentences) < 200:
        raise SystemExit(
            f"only {len(sentences)} usable sentences in {SEEDS}: cannot make realistic text"
        )
    return sentences


def _cut(sentence: str, limit: int) -> list[str]:
    """Split an over-long run (slide text without full stops) at commas, then hard."""
    if len(sentence) <= limit:
        return [sentence]
    pieces, current = [], ""
    for part in re.split(r"(?<=[，,])", sentence):
        if current and len(current) + len(part) > limit:
            pieces.append(current.rstrip("，,") + "。")
            current = ""
        current += part
    if current:
        pieces.append(current)
    return [piece[i : i + limit] for piece in pieces for i in range(0, len(piece), limit)]


class TextSource:
    """Paragraphs, lines and titles cut from the seed sentences, reproducibly."""

    def __init__(self, sentences: list[str], seed: int):
        self.sentences = sentences
        self.rng = random.Random(seed)

    def paragraph(self, low: int = 120, high: int = 220) -> str:
        # Consecutive sentences from a random place read like a passage of the source.
        start = self.rng.randrange(len(self.sentences))
        target = self.rng.randint(low, high)
        text, index = "", start
        while len(text) < target:
            text += self.sentences[index % len(self.sentences)]
            index += 1
        return text

    def line(self, limit: int = 80) -> str:
        sentence = self.rng.choice(self.sentences)
        return sentence[:limit].rstrip("，、") + ("" if len(sentence) <= limit else "。")

    def title(self) -> str:
        words = "".join(_CJK.findall(self.rng.choice(self.sentences)))
        size = self.rng.randint(6, 14)
        start = self.rng.randrange(max(1, len(words) - size))
        return words[start : start + size]


# --- YAML ----------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block YAML like a trainer writes: literal blocks for paragraphs, never aliases."""

    def ignore_aliases(self, data):
        return True


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def write_yaml(path: Path, data: dict) -> None:
    path.write_text(
        yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000),
        encoding="utf-8",
    )


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- The synthetic project -----------------------------------------------------------


@dataclass
class Project:
    """What ``make_project`` wrote, for the report and the baseline."""

    root: Path
    cases: list[dict]
    procedures: list[dict]
    banks: list[dict]

    @property
    def case_chars(self) -> float:
        """Mean number of characters of text per case, as written in its YAML."""
        return sum(len(yaml.dump(c, Dumper=_Dumper, allow_unicode=True)) for c in self.cases) / len(
            self.cases
        )


def real_case_chars() -> float:
    """Mean characters of YAML per case among the project's own cases, for comparison."""
    cases = [read_yaml(path) for path in sorted((ROOT / "cases").glob("*.yml"))]
    return sum(len(yaml.dump(c, Dumper=_Dumper, allow_unicode=True)) for c in cases) / max(
        1, len(cases)
    )


def make_project(dest: Path, size: int, sentences: list[str]) -> Project:
    """A project of ``size`` synthetic cases on the real site config and reference data.

    The real mkdocs.yml, content/ (lessons), reference/ and forms/ are copied as they are;
    cases, procedures and question banks are all synthetic, so the project is valid
    whatever state the real ones are in. Procedures are copies of the real ones (their
    flowcharts are what a procedure page weighs) pointing at synthetic cases.
    """
    dest.mkdir(parents=True)
    for folder in ("content", "reference", "forms"):
        shutil.copytree(ROOT / folder, dest / folder)
    for folder in ("cases", "procedures", "questions"):
        (dest / folder).mkdir()
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    relax_config(dest / "mkdocs.yml")

    text = TextSource(sentences, seed=size)
    references = _reference_ids(dest / "reference")
    lessons = sorted(path.stem for path in (dest / "content" / "lessons").glob("*.md"))
    templates = [read_yaml(path) for path in sorted((ROOT / "procedures").glob("*.yml"))]
    if not templates:
        raise SystemExit(f"no procedure in {ROOT / 'procedures'} to copy")

    case_ids = [f"case-{n:05d}" for n in range(1, size + 1)]
    procedure_ids = [
        f"procedure-{n:04d}" for n in range(1, max(1, size // CASES_PER_PROCEDURE) + 1)
    ]

    procedures = []
    for number, procedure_id in enumerate(procedure_ids):
        template = templates[number % len(templates)]
        procedure = dict(template, id=procedure_id, title=f"{template['title']}（{number + 1}）")
        procedure["related_cases"] = text.rng.sample(case_ids, min(3, len(case_ids)))
        write_yaml(dest / "procedures" / f"{procedure_id}.yml", procedure)
        procedures.append(procedure)

    unlink_real_cases(dest)

    cases = []
    for case_id in case_ids:
        case = _case(case_id, text, references, case_ids, procedure_ids)
        write_yaml(dest / "cases" / f"{case_id}.yml", case)
        cases.append(case)

    banks = []
    for number in range(1, size // CASES_PER_BANK + 1):
        bank = _bank(f"bank-{number:04d}", text, references, lessons, case_ids, procedures)
        write_yaml(dest / "questions" / f"{bank['id']}.yml", bank)
        banks.append(bank)
    return Project(dest, cases, procedures, banks)


# A link from a lesson or reference entry to one of the real cases or procedures, which the
# synthetic project does not have: `check` would refuse it (the page would not exist).
_REAL_PAGE_LINK = re.compile(
    r"\[([^\]]+)\]\((?:(?:\.\./)*(?:cases|procedures)/)?(?!procedure-\d)[a-z0-9-]+\.md(?:#[^)\s]*)?\)"
)


def unlink_real_cases(dest: Path) -> None:
    """Links to the real cases and procedures become their plain text in the copied files."""
    folders = ("reference", "forms", "procedures")
    for path in [
        *(dest / "content").rglob("*.md"),
        *(p for folder in folders for p in (dest / folder).glob("*.yml")),
    ]:
        text = path.read_text(encoding="utf-8")
        unlinked = _REAL_PAGE_LINK.sub(r"\1", text)
        if unlinked != text:
            path.write_text(unlinked, encoding="utf-8")


def relax_config(config: Path) -> None:
    """Warnings (links from lessons to cases not written yet) must not stop a bench build."""
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^strict:\s*true\s*$", "strict: false", text), encoding="utf-8")


_TRAINING_BLOCK = re.compile(r"(?m)^  - training:\n((?:      .*\n)*)")


def training_options(config_text: str, **options: str) -> str:
    """mkdocs.yml's text with the given options of the training plugin set (others kept)."""
    block = _TRAINING_BLOCK.search(config_text)
    if block is None:
        raise SystemExit("mkdocs.yml has no `  - training:` block to set options in")
    lines = [
        line for line in block.group(1).splitlines() if line.split(":")[0].strip() not in options
    ]
    lines += [f"      {key}: {value}" for key, value in options.items()]
    return (
        config_text[: block.start(1)]
        + "".join(line + "\n" for line in lines)
        + config_text[block.end(1) :]
    )


def _reference_ids(folder: Path) -> dict[str, list[str]]:
    ids = {}
    for path in folder.glob("*.yml"):
        ids[path.stem] = [entry["id"] for entry in read_yaml(path).get("entries", [])]
    return ids


def _case(
    case_id: str, text: TextSource, references: dict, case_ids: list[str], procedure_ids: list[str]
) -> dict:
    rng = text.rng
    principles = rng.sample(
        references.get("principles", []), min(2, len(references.get("principles", [])))
    )
    case = {
        "id": case_id,
        "title": text.title(),
        "summary": text.line(60),
        "industry": rng.choice(INDUSTRIES),
        "source": "基准测试：由培训资料原文拼接生成",
        "tags": rng.sample(TAGS, rng.randint(2, 5)),
        "complaint_categories": rng.sample(references.get("complaint-categories", []), 1),
        "customer_types": rng.sample(references.get("customer-types", []), rng.randint(0, 1)),
        "principles": [
            {
                "principle": p,
                "verdict": rng.choice(("applied", "broken")),
                "note": text.paragraph(60, 120),
            }
            for p in principles
        ],
        "scenario": "\n\n".join(text.paragraph() for _ in range(3)) + "\n",
        "went_wrong": [text.line() for _ in range(3)],
        "went_right": [text.line() for _ in range(2)],
        "handling": "\n\n".join(text.paragraph() for _ in range(2)) + "\n",
        "prevention": [text.line(60) for _ in range(3)],
        "lessons": [text.line() for _ in range(3)],
        "discussion": [
            {"question": text.line(50), "trainer_notes": text.paragraph(80, 160)} for _ in range(3)
        ],
        "related_cases": rng.sample(
            [c for c in case_ids if c != case_id], min(2, len(case_ids) - 1)
        ),
    }
    if procedure_ids and rng.random() < 0.3:
        case["related_procedures"] = [rng.choice(procedure_ids)]
    return case


def _bank(
    bank_id: str, text: TextSource, references: dict, lessons: list[str], case_ids, procedures
) -> dict:
    rng = text.rng
    questions = []
    for number in range(1, QUESTIONS_PER_BANK + 1):
        kind = QUESTION_TYPES[(number - 1) % len(QUESTION_TYPES)]
        question = {"id": f"{bank_id}-q{number:02d}", "type": kind, "prompt": text.line(60)}
        if kind in ("single", "multiple", "scenario"):
            right = {0} if kind != "multiple" else {0, 2}
            options = [{"text": text.line(40), "correct": i in right} for i in range(4)]
            if kind == "scenario":
                question["customer_says"] = text.line(40)
                for option in options:
                    option["feedback"] = text.line(60)
            question["options"] = options
        elif kind == "true_false":
            question["answer"] = rng.random() < 0.5
        else:
            question["items"] = [text.line(30) for _ in range(4)]
        question["explanation"] = text.paragraph(60, 120)
        question["see"] = _links(rng, references, case_ids, procedures)
        questions.append(question)
    bank = {
        "id": bank_id,
        "title": text.title(),
        "topics": rng.sample(TAGS, 1),
        "questions": questions,
    }
    if lessons and rng.random() < 0.5:
        bank["lesson"] = rng.choice(lessons)
    return bank


def _links(
    rng: random.Random, references: dict, case_ids: list[str], procedures: list[dict]
) -> list[dict]:
    links = []
    if case_ids:
        links.append({"case": rng.choice(case_ids)})
    if procedures:
        procedure = rng.choice(procedures)
        links.append({"procedure": procedure["id"], "step": rng.choice(procedure["steps"])["id"]})
    if references.get("principles"):
        links.append({"principle": rng.choice(references["principles"])})
    return links
