"""Messages about reading content files: which files are read (generator/load.py), the
file as text (generator/yaml_source.py) and YAML's syntax (generator/yaml_syntax.py)."""

from generator.messages import LIST_SEPARATOR as LIST_SEPARATOR

# --- content folders and their entries (load.py) -------------------------------------------

FOLDER_IS_FILE = "应是一个文件夹，而这里是一个文件：内容文件放在同名文件夹中"
BROKEN_LINK = "符号链接指向的文件不存在，不会读取"
LINK_TO_FOLDER = "指向文件夹的符号链接，不会读取：内容文件要直接放在文件夹中"
NOT_REGULAR = "不是普通文件（管道、设备等），不会读取"
UPPERCASE_SUFFIX = "扩展名要用小写，否则不会读取：请改名为 {name}"
NOT_YAML = "不是 YAML 文件，不会读取：内容文件夹中只放扩展名为 .yml 或 .yaml 的文件"
IN_SUBFOLDER = "在子文件夹中，不会读取：内容文件要直接放在 {folder}/ 中"
FOLDER_NAMED_YAML = "这是一个文件夹，不是 YAML 文件：内容文件要直接放在 {folder}/ 中"
MORE_IN_SUBFOLDER = "子文件夹中还有 {more} 个文件，也不会读取"
LINK_OUTSIDE = "这是指向项目以外的符号链接，不会读取：请把文件本身放进项目"
UNKNOWN_REFERENCE = "未知的参考文件；参考目录中只能有 {known}"
ID_NOT_FILE_NAME = "编号 {id} 与文件名不一致：应为 {stem}，或把文件改名为 {id}{suffix}"
FILE_NAME_NOT_ID = (
    "文件名 {name} 不能做编号（只能用小写英文字母、数字和连字符）：请把文件改名为 {id}{suffix}"
)

# --- lessons (load.py) -----------------------------------------------------------------------
# LESSON_NOT_FILE's {what} is one of the three words after it.

LESSON_NOT_FILE = "课程目录里的 {name} 是{what}：课程必须是 .md 文本文件，请改名或删除"
LESSON_IS_FOLDER = "一个文件夹"
LESSON_IS_BROKEN_LINK = "一个失效的符号链接"
LESSON_NOT_REGULAR = "不是普通文件"
LESSON_NOT_UTF8 = "文件不是 UTF-8 编码（可能是记事本默认的 GBK）：请在编辑器里用 UTF-8 重新保存"

# --- a file as text, and what YAML features we refuse (yaml_source.py) ----------------------

TOO_LARGE = "文件太大（{size:,} 字节），上限 {limit:,} 字节"
NOT_UTF8 = "不是 UTF-8 编码的文本，请用 UTF-8 保存文件"
EMPTY = "文件是空的"
INVISIBLE_CHARACTER = (
    "文件中有看不见的特殊字符 {code}（常见于从 Word 或网页复制来的文字），请删掉它"
)
TOO_DEEP = "嵌套太深：超过 {limit} 层，请检查缩进和括号"
NO_ALIASES = "不支持 YAML 别名（*名称），请把内容直接写出来"
NO_TAGS = "不支持 YAML 标签（{tag}），请把内容直接写出来"
NO_MERGE_KEYS = "不支持 YAML 合并键（<<），请把内容直接写出来"
KEY_NOT_TEXT = "键必须是简单的文字"
DUPLICATE_KEY = "重复的键（第 {line} 行已经写过）"

# --- slips of a Chinese input method (yaml_syntax.py) ---------------------------------------

TAB_INDENT = "不能用 Tab 缩进，请改用空格"
IDEOGRAPHIC_INDENT = "行首的“　”是全角空格：缩进只能用英文（半角）空格，请把它换掉"
IDEOGRAPHIC_AFTER_DASH = "“-”后面的“　”是全角空格：请换成英文空格"
WIDE_COLON = "“：”是全角（中文）冒号：字段名后面要用英文冒号加空格，写成 {key}: …"
IDEOGRAPHIC_AFTER_COLON = "冒号后面的“　”是全角空格：请换成英文空格，写成 {key}: …"
NO_SPACE_AFTER_COLON = "冒号后面少了一个空格：写成 {key}: …（英文冒号加空格）"

# --- PyYAML's errors, explained (yaml_syntax.py) ---------------------------------------------

SYNTAX_GENERIC = "YAML 写法有误：请检查这一行和上一行的冒号、引号、括号和缩进"
UNCLOSED_QUOTE = "引号没有配对：从这里开始的引号直到文件末尾都没有结束"
ONE_DOCUMENT = "一个文件只能有一个 YAML 文档（不要用 ---  分隔多个）"
MISSING_COLON = (
    "这一行缺少“: ”：字段要写成 名称: 内容（英文冒号加空格）；"
    "如果这一行是上一行内容的延续，请比上一行的字段名多缩进两格"
)
COLON_IN_VALUE = (
    "这个值里有“: ”（英文冒号加空格），会被当作新的字段：请给整个值加上引号，或改用中文冒号“：”"
)
TEXT_AFTER_QUOTE = (
    "引号后面还有文字：值中间的引号让它提前结束了，请去掉外面的引号，或换用另一种引号（\" 或 '）"
)
STRAY_BRACKET = "多了一个“{bracket}”：前面没有与它配对的括号"
UNCLOSED_BRACKET = (
    "“{opening}”没有配对的“{closing}”：请在这一行的末尾补上“{closing}”，各项之间用英文逗号“,”分隔"
)
BAD_FLOW_ITEM = "括号里这一处写法不对：各项之间要用英文逗号“,”分隔，含“:”“[”“{”等符号的项请加引号"
MISSING_ITEM = "这里缺少内容：两个逗号之间、或“-”“:”后面应该有一项；多余的逗号请删掉"
BAD_FIRST_CHARACTER = '“{char}”不能作为值的开头：请给整个值加上引号，例如 "{char}…"'
BACKSLASH = "双引号里的“\\”是转义符：请改用单引号把整个值括起来，或把“\\”写成“\\\\”"
TEXT_AFTER_BLOCK_MARK = "“|”或“>”后面不能接着写内容：请换行，把内容缩进两格写在下面"
STAR_OR_AMPERSAND = '以“*”或“&”开头的值要加引号（YAML 把它们当作别名或锚点），例如 "*重要*"'
EXCLAMATION = "不支持 YAML 标签（以“!”开头）：以“!”开头的文字请加引号"
EXTRA_CONTENT = "这里多出了内容：上面的内容已经结束了，请检查这一行的缩进和上面是否多了括号或“...”"

# --- indentation (yaml_syntax.py) -----------------------------------------------------------

INDENT_EXPECTED = "缩进不一致：这一行缩进了 {indent} 个空格，应为 {options}"
INDENT_NONE = "0 个"
# One column a line could be indented to; several are joined by INDENT_OR.
INDENT_OPTION = "{spaces} 个（与第 {line} 行的“{word}”对齐）"
INDENT_OR = "或 "
DASH_BESIDE_FIELD = (
    "列表项“- ”不能和第 {line} 行的“{word}”写在同一层：请把它写在某个字段下面，并多缩进两格"
)
ALIGNED_WITH_DASH = (
    "这一行与第 {line} 行的列表项“-”对齐，却不以“- ”开头：属于那一项的话，请再缩进两格"
    "（{spaces} 个空格）；是新的一项的话，请在前面加“- ”"
)
DOES_NOT_FOLLOW = "这一行接不上上面的内容：请检查它和第 {line} 行“{word}”的缩进"
