"""What the site build and the preview say (generator/plugin.py, generator/preview.py), and
why a build stops when an upstream shape we rely on has changed (generator/upstream/)."""

# --- the build and the preview ----------------------------------------------------------------

BUILD_REFUSED = "内容有错误，站点未生成：\n{report}"
PREVIEW_FAILED = "[{time}] 内容有 {count} 处错误，预览显示错误页：\n{report}"
PREVIEW_UPDATED = "预览已更新：写入 {written} 页，用时 {seconds:.2f} 秒"

# --- an upstream shape changed (generator/upstream/) --------------------------------------------

MKDOCS_SERVE_CHANGED = (
    "MkDocs 的 serve 结构已变：预览无法增量生成（见 generator/upstream/mkdocs_preview.py）"
)
MKDOCS_STRICT_CHANGED = (
    "MkDocs 的严格模式结构已变：预览无法继续（见 generator/upstream/mkdocs_preview.py）"
)
MATERIAL_TAGS_CHANGED = (
    "Material 的 tags 插件结构已变：预览无法增量生成，请用 mkdocs serve（不带 --dirty）"
)
MKDOCS_SERVER_CHANGED = (
    "MkDocs 的预览服务器结构已变：无法显示错误页（见 generator/upstream/mkdocs_preview.py）"
)
MATERIAL_SHIM_CHANGED = "Material 的 offline 插件结构已变：找不到 iframe-worker 垫片（见 generator/upstream/material_search.py）"
# What of Material's built files the offline list must recognise (upstream/material_assets.py).
MATERIAL_STYLESHEET = "Material 的样式表"
MATERIAL_SCRIPT = "Material 的脚本"
