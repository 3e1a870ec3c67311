"""Messages about a field's value: pydantic's errors in the trainer's words
(generator/validation.py) and the content models' own checks (generator/model/)."""

from generator.messages import DID_YOU_MEAN as DID_YOU_MEAN
from generator.messages import LIST_SEPARATOR as LIST_SEPARATOR

# --- pydantic's error types (validation.py) ------------------------------------------------
# Keyed by pydantic's error type; placeholders are the error's context (min_length, ge ...).

BLANK = "还没有填写"
BLANK_OPTIONAL = "还没有填写：不需要的话，请删掉这一行"
BLANK_TOO_SHORT = "还没有填写：至少要有 {min_length} 项"
_DATE = "应为日期，例如 2026-11-23"
_MAPPING = "应为映射（每行 键: 值）"
_NUMBER = "应为整数（用阿拉伯数字，例如 3）"

BY_ERROR_TYPE = {
    "missing": "缺少必填字段",
    "string_type": "应为文本（数字或日期请加引号）",
    "string_unicode": "含有无效的字符（引号里的 \\ud800 之类的写法不是一个完整的字），请删掉它",
    "list_type": "应为列表（每项一行，以 - 开头）",
    "dict_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "int_type": _NUMBER,
    "int_parsing": _NUMBER,
    "int_from_float": "应为整数，不能有小数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "string_pattern_mismatch": "编号只能用小写英文字母、数字和连字符，例如 sand-pit",
    "string_too_short": "不能为空",
    "too_short": "至少要有 {min_length} 项",
    "string_too_long": "太长：最多 {max_length} 个字符",
    "too_long": "太多：最多 {max_length} 项",
    "literal_error": "只能是 {expected}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "greater_than": "应大于 {gt}",
    "less_than": "应小于 {lt}",
    "bool_type": "只能是 true 或 false",
    "bool_parsing": "只能是 true 或 false",
    "date_type": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
}
# For an error type not in the table (a newer pydantic, a new constraint): still Chinese.
FALLBACK = "这个值的写法不对：请对照 README 或编辑器提示中这个字段的说明"

UNKNOWN_FIELD = "未知字段"
FILE_NOT_MAPPING = "文件内容应是一个映射（每行 键: 值）"
# Literal choices: "a、b 或 c" (LIST_SEPARATOR, then CHOICE_LAST).
CHOICE_LAST = " 或 {last}"
ONLY_ONE_OF = "只能是 {expected}"
TEXT_NOT_LIST = "列表"
TEXT_NOT_MAPPING = "映射（键: 值）"
TEXT_EXPECTED = "应为一段文本，这里写成了{shape}"
# The field's description, when short, in brackets after BLANK: （案例标题）.
WHAT_TO_WRITE = "（{what}）"

# --- slips seen in the typed text (validation.py) -----------------------------------------

LIST_DASH_WITHOUT_SPACE = "应为列表：“-”后面要有一个空格，例如 - 报修"
LIST_WIDE_DASH = "应为列表：“{dash}”不是英文减号：每项一行，以英文“- ”（减号加空格）开头"
LIST_HOW_BRACKETS = "用英文方括号“[ ]”和英文逗号“,”"
LIST_HOW_COMMAS = "用英文逗号“,”"
LIST_WRITE_AS = "应为列表：写成 [{items}]（{how}），或每项一行，以“- ”开头"
WIDE_DIGITS = "应为整数：“{typed}”是全角数字，请写成 {narrow}"
CHINESE_SEPARATOR = "“{separator}”是中文标点：列表的各项要用英文逗号“,”分开，写成 [{items}]"
ID_NUMBER_GUESS = "编号不能只写数字：是否想写 {guess}？"
ID_NUMBER_EXAMPLE = "编号不能只写数字：请写编号本身，例如 {example}"
ID_NUMBER_SEE = "编号不能只写数字：请写编号本身（见 {file}）"
ID_NUMBER_SHAPE = "编号不能只写数字：请写编号本身（小写英文字母、数字和连字符）"
TAG_ONE_WORD = "一个标签只写一个词：“{tag}”里有“{separator}”，请拆成 {count} 个标签，写成 [{items}]（用英文逗号）"

# --- text fields (model/base.py) -----------------------------------------------------------

CONTROL_CHARACTER = "含有看不见的控制字符 {code}（多半来自引号里的 \\x 或 \\u 写法），请删掉它"
ONE_LINE = "只能写一行：这里不能换行（多行的内容请写在 Markdown 字段里）"
NO_TAB = "不能含有 Tab 字符，请改成空格"
BIDI_CONTROL = "含有改变文字方向的控制字符 {code}，会让文字显示得和实际内容不同，请删掉它"
FILTER_SEPARATOR = "不能含有 |（案例库的筛选用它分隔多个值），请换成别的符号"
HTML_UNCLOSED = (
    "HTML 标签 <{tag}> 没有闭合：请在这段内容末尾补上 </{tag}>，否则页面后面的内容都会显示错乱"
)
HTML_STRAY_CLOSE = "多了一个 </{tag}>：前面没有对应的 <{tag}>，请删掉它"

# --- questions and links (model/question.py) ------------------------------------------------
# {name} is the type's name from QUESTION_TYPES with 题 after it: 单选题.

QUESTION_NAME = "{type}题"
LINK_STEP_ALONE = "step 要和 procedure 一起写"
LINK_ONE_TARGET = "每条链接只能指向一处：case、procedure、lesson、principle 等选其一"
QUESTION_NO_OPTIONS = "{name}不用 options"
TRUE_FALSE_ANSWER = "判断题要写 answer: true 或 answer: false"
ANSWER_ONLY_TRUE_FALSE = "只有判断题（true_false）才写 answer"
ORDERING_ITEMS = "排序题至少要有 3 项（items），按正确顺序书写"
ITEMS_ONLY_ORDERING = "只有排序题（ordering）才写 items"
CUSTOMER_SAYS_ONLY_SCENARIO = "只有情景题（scenario）才写 customer_says"
TWO_OPTIONS = "{name}至少要有 2 个选项"
EXACTLY_ONE_RIGHT = "{name}必须恰好有 1 个正确选项（correct: true），现在有 {right} 个"
AT_LEAST_ONE_RIGHT = "{name}至少要有 1 个正确选项（correct: true），现在一个也没有"
SCENARIO_FEEDBACK = "情景题的每个选项都要写 feedback"

# --- procedure steps (model/procedure.py) ---------------------------------------------------

TASK_NEEDS_NEXT = "任务步骤（task）必须用 next 写明下一步；流程到此结束的话，请用 kind: end"
TASK_NO_BRANCHES = "任务步骤（task）不能有 branches；要分支的话，请用 kind: decision"
DECISION_NO_NEXT = "判断步骤（decision）不写 next，每个去向写在 branches 中"
DECISION_TWO_BRANCHES = "判断步骤（decision）至少要有两个分支（branches）"
DECISION_MAX_BRANCHES = "判断步骤（decision）最多 {limit} 个分支；答案更多的话，请拆成两个判断"
END_NO_EXITS = "结束步骤（end）不能有 next 或 branches"

# --- form fields (model/form.py) -------------------------------------------------------------

CHECKBOX_NEEDS_OPTIONS = "勾选栏目（checkbox_list）要在 options 中列出勾选项"
OPTIONS_ONLY_CHECKBOX = "只有勾选栏目（kind: checkbox_list）才能有 options"

# --- session plans (model/session.py) ---------------------------------------------------------

# The name of each kind of agenda block, as a message calls it (also a plan's labels).
BLOCK_NAMES = {
    "lesson": "讲授",
    "case": "案例研读",
    "discussion": "讨论",
    "role_play": "角色扮演",
    "quiz": "测验",
}
BLOCK_NEEDS_LINK = "{name}环节要写明用到的 {fields}"
BLOCK_FIELDS_JOIN = " 或 "
QUIZ_BLOCK_ONE_SOURCE = "测验环节只写一处：bank（题库）或 case（案例的测验）"
MATERIAL_ONE_THING = "每项材料只写一样：checklist、form、quiz_sheet、role_play、case、item 选其一"
