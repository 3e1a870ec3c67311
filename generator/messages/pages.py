"""The words the core puts on a page itself, outside the templates (generator/render/):
link labels, a topic's default name, a true/false answer, a QR code's description. Page
text that a template holds stays in the template (generator/templates/)."""

from generator.messages.fields import BLOCK_NAMES as BLOCK_NAMES

# --- what a link leads to: 案例：小区里的沙池 ---------------------------------------------------

LINK_CASE = "案例：{title}"
LINK_CASE_QUIZ = "案例测验：{title}"
LINK_LESSON = "课程：{title}"
LINK_BANK = "测验：{title}"
LINK_PROCEDURE = "流程：{title}"
LINK_STEP = "流程：{title} · {step}"
LINK_ROLE_PLAY = "角色扮演卡：{title}"

# --- quizzes (render/quizzes.py) ----------------------------------------------------------------

# The topic of a question whose bank names none.
DEFAULT_TOPIC = "综合"
# The tag of every case's own quiz.
CASE_QUIZ_TAG = "案例"
# A true/false question's answer on the key.
TRUE = "对"
FALSE = "错"

# --- sessions (render/sessions.py) --------------------------------------------------------------

# What a session plan hands out, by kind of material: 检查表：投诉处理.
MATERIAL = "{name}：{title}"
MATERIAL_NAMES = {
    "checklist": "检查表",
    "form": "表单",
    "quiz_sheet": "试卷",
    "role_play": "角色扮演卡",
    "case": "案例",
}

# --- printed sheets (render/procedures.py) ------------------------------------------------------

# What a checklist's QR code says to a screen reader.
QR_PROCEDURE = "扫码打开在线流程：{title}"
