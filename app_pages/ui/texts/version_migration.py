"""Texts of the questionnaire-version migration offer and of unanswered items in results."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "vm.offer": (
        "此草稿按问卷 {old} 填写；现已发布新版本 {new}。迁移后将新建一份 {new} 草稿，"
        "带入可沿用的答案（{carried} 项，原有 {answered} 项），原草稿保留不变。",
        "This draft follows questionnaire {old}; the newer version {new} is out. Moving creates a new {new} draft with the answers "
        "that carry over ({carried} of {answered}); this draft stays as it is.",
    ),
    "vm.changes": ("新版本变更清单（{n} 项）", "What changes in the new version ({n} items)"),
    "vm.col.kind": ("变更", "Change"),
    "vm.col.question": ("题目", "Question"),
    "vm.col.what": ("答案如何处理", "What happens to the answer"),
    "vm.kind.renamed": ("改题号", "renamed"),
    "vm.kind.split": ("拆分", "split"),
    "vm.kind.new": ("新增", "new"),
    "vm.kind.removed": ("删除", "removed"),
    "vm.kind.dropped": ("答案移除", "answer dropped"),
    "vm.migrate": ("迁移到 {new}", "Move to {new}"),
    "vm.done": (
        "已新建 {new} 草稿（评估 #{id}），请补答标注为“未作答”的题目。",
        "Created a {new} draft (assessment #{id}); answer the questions marked 'not answered'.",
    ),
    "vm.already": ("此草稿已迁移为 {new} 的评估 #{id}。", "This draft was already moved to {new} as assessment #{id}."),
    "vm.open": ("打开评估 #{id}", "Open assessment #{id}"),
    "vm.unanswered": ("未作答", "not answered"),
    "vm.unanswered_prompt": ("请先作答，未作答按未满足计", "please answer; counted as not met until then"),
    "vm.unanswered_count": ("其中 {n} 项未作答", "{n} of them not answered"),
}
