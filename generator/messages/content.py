"""Messages about the knowledge base as a whole: how mistakes are listed
(generator/errors.py), cross-references (generator/check.py), procedure graphs
(generator/procedure_check.py), question quality (generator/quiz_quality.py) and page
addresses (generator/site_paths.py); and the words the flowchart adds to a procedure."""

from generator.messages import DID_YOU_MEAN as DID_YOU_MEAN
from generator.messages import LIST_SEPARATOR as LIST_SEPARATOR

# --- the report (errors.py) -------------------------------------------------------------------

ERROR_COUNT = "共 {count} 处错误。"
# A field's place, counted from 1 in words: quiz 第 1 题 › see 第 2 项. What one item of a
# list is called, by the list's field; any other list counts ITEM_WORD.
ITEM_PLACE = "第 {number} {word}"
ITEM_WORDS = {"quiz": "题", "questions": "题", "steps": "步", "entries": "条"}
ITEM_WORD = "项"

# --- ids and links (check.py) -----------------------------------------------------------------

# What a file of each content folder is, as a message names it.
FILE_KIND_NAMES = {
    "cases": "案例",
    "procedures": "流程",
    "forms": "表单",
    "lessons": "课程",
    "questions": "题库",
    "sessions": "培训计划",
}
# An id used twice in one file; {what} is ENTRY_ID, ROLE_ID or STEP_ID.
DUPLICATE_ID = "{what} {id} 重复（第 {line} 行已用过）"
ENTRY_ID = "编号"
DUPLICATE_NUMBER = "序号 {number} 与 {other} 重复"
DUPLICATE_FILE_ID = "{kind}编号 {id} 重复（已用于 {other}）"
DUPLICATE_PRINCIPLE = "原则 {principle}（{verdict}）已在第 {line} 行列出"
RELATED_TO_ITSELF = "案例不能把自己列为相关案例"
TOO_MANY_QUESTIONS = (
    "一套测验最多 {limit} 道题，这里有 {count} 道（从这一题起超出）：请按主题拆成几个题库"
)
RESERVED_BANK_ID = "题库编号不能用 {reserved}（这些网址已有别的页面）"
DUPLICATE_QUESTION_ID = "题目编号 {id} 重复（已用于 {other}）"
NO_SUCH_STEP = "流程 {procedure} 中没有编号为 {step} 的步骤"
NO_SUCH_FILE = "没有编号为 {id} 的{kind}（{folder} 中找不到 {id}{suffix}）"
NO_SUCH_ENTRY = "没有编号为 {id} 的{kind}（{hint}）"
KNOWN_IDS = "已有：{ids}"
SEE_REFERENCE = "见 reference/{kind}.yml"

# --- session plans (check.py) ------------------------------------------------------------------

RESERVED_SESSION_ID = "培训计划编号不能用 index（培训计划列表页已用这个网址）"
AGENDA_MINUTES = (
    "议程各段加起来是 {total} 分钟，与总时长 {duration} 分钟不一致：请改总时长或各段的分钟数"
)
NO_ROLE_PLAY_TO_PRINT = "案例 {case} 没有写 role_play，没有角色扮演卡可打印"
NO_ROLE_PLAY_TO_PLAY = "案例 {case} 没有写 role_play：先在案例文件中写好角色扮演，再排进议程"
NO_CASE_QUIZ = "案例 {case} 没有测验题（quiz），测验环节请改用 bank 指定题库"

# --- procedure graphs (procedure_check.py) ------------------------------------------------------

ROLE_ID = "角色编号"
STEP_ID = "步骤编号"
NO_SUCH_ROLE = "没有编号为 {id} 的角色{hint}"
NO_SUCH_PROCEDURE_STEP = "没有编号为 {id} 的步骤{hint}"
HINT_KNOWN = "（已有：{ids}）"
NEXT_IS_ITSELF = "下一步不能是这一步自己（流程会原地打转）"
DUPLICATE_BRANCH_LABEL = "分支说明 {label} 与第 {line} 行重复"
BRANCHES_SAME_TARGET = (
    "与第 {line} 行的分支通向同一步骤 {step}：两个答案走同一条路，这个判断就没有意义了"
)
UNREACHABLE = "从第一步 {start} 出发走不到这一步：{why}"
UNREACHABLE_SOURCES = "指向它的 {sources} 本身也走不到"
UNREACHABLE_NOTHING = "没有哪一步的 next 或分支指向它"
NO_END = "流程没有结束步骤：至少要有一步写 kind: end"
TRAPPED = (
    "从这一步起再也走不到结束步骤：{loop} 之间绕圈没有出口，请给其中的判断加一个通向结束的分支"
)

# --- question quality (quiz_quality.py) ----------------------------------------------------------

LONGEST_RIGHT = (
    "{counted} 道单选和情景题中有 {longest} 道（{share:.0%}）的正确选项最长，"
    "超过 {limit:.0%}，只挑最长的选项就能答对："
    "{ids}；请把干扰项写得和正确选项一样长、一样可信"
)
ALL_RIGHT = "的选项全部正确"
ALL_BUT_ONE_RIGHT = "的 {total} 个选项中 {right} 个正确、只有 1 个错误"
GUESSABLE_MULTIPLE = (
    "这道多选题{which}，挑出最不像的一项就能答对；请写 2～3 个正确选项和 2 个以上错误选项"
)
REPEATED_OPTION = "与第 {number} 个选项完全相同"
NEAR_DUPLICATE = "与 {id}（{where}）问的几乎是同一件事（题干和答案相似度 {ratio:.0%}）"

# --- page addresses and links in generated pages (site_paths.py) --------------------------------

CLASHES_WITH_HANDWRITTEN = (
    "生成的页面 {page} 与手写的页面 {other} 同名：请给这一项改编号，或给手写页面改名"
)
CLASHES_WITH_SITE = "生成的页面 {page} 与网站自带的页面重名（编号用了保留名）：请换一个编号"
CLASHES_WITH_GENERATED = "生成的页面 {page} 与 {other} 生成的页面重名：请给其中一个改编号"
MISSING_LINK_TARGET = "链接 {target} 指向的页面不存在：请检查路径（相对于这一页），或先建好那一页"
IN_GENERATED_PAGE = "（在生成的页面 {uri} 里）"

# --- the flowchart's own words (flowchart/layout.py: FlowchartText) ------------------------------

FLOWCHART_START = "开始"
FLOWCHART_TIME_LIMIT = "时限：{}"
FLOWCHART_TITLE = "{}流程图"
FLOWCHART_SUMMARY = "共 {count} 步，泳道从左到右依次是：{roles}。从上往下阅读。"
FLOWCHART_COLUMN_SUMMARY = "共 {count} 步，每个方框上写着负责的岗位（{roles}）。从上往下阅读。"
FLOWCHART_STEP = "第 {number} 步，{title}（{role}）。"
FLOWCHART_THEN = "下一步：{}"
FLOWCHART_SEPARATOR = "；"
FLOWCHART_FULL_STOP = "。"
FLOWCHART_BRANCH = "{label}，转到：{target}"
FLOWCHART_BACK = "（回到前面的步骤）"
FLOWCHART_END = "流程结束。"
