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
MATERIAL_WORKER_CHANGED = "Material 的搜索脚本已变：中文查询修复无法应用（见 generator/upstream/material_search_worker.py）"
MATERIAL_FILES_CHANGED = (
    "Material 的文件结构已变：找不到{missing}（见 generator/upstream/material_assets.py）"
)
MATERIAL_PAGES_CHANGED = (
    "Material 的页面结构已变：没有一页能标记给 Pagefind（见 generator/upstream/material_search.py）"
)
PAGEFIND_FORMAT_CHANGED = (
    "Pagefind 的索引文件格式已变：{name} {problem}（见 generator/upstream/pagefind_fragments.py）"
)
PAGEFIND_NO_FRAGMENTS = "一个也没有"
PAGEFIND_NOT_GZIP = "不是 gzip 文件（{detail}）"
PAGEFIND_NO_SIGNATURE = "不以 {signature} 和页面地址开头"

# --- the search index (generator/pagefind.py) -----------------------------------------------------

PAGEFIND_NOT_STARTED = "无法运行 Pagefind（{detail}）"
PAGEFIND_MISSING = "缺少 Pagefind：请运行 pip install 'pagefind[extended]'，或用 make serve / make site 安装全部依赖"
PAGEFIND_FAILED = "Pagefind 建立搜索索引失败：\n{output}"
PAGEFIND_SERVICE_ENDED = "Pagefind 的进程没有回答就退出了（退出码 {code}）"
PREVIEW_SEARCH_STALE = "预览的搜索索引没有更新：{detail}"
