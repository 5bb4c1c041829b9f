"""实施方案 (plan), stand-alone: title, body, optional signature/date, attachments and 版记.
As an attachment of a notice it is rendered by notice.py from the same Markdown."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from policydocs import gbt9704 as L
from policydocs.draft import outline, templates
from policydocs.draft.citations import Citer
from policydocs.draft.compose import Composer
from policydocs.draft.frontmatter import Source
from policydocs.draft.notice import write_closing

NAME, LABEL = "plan", "实施方案"  # registered in draft/kinds.py
REQUIRED = ("title",)

# The sections seeds 000 and 002 use, in their order.
SKELETON = """---
kind: plan
title: ××市安全生产××专项行动实施方案
# issuer / signature / date: add them when the plan is issued on its own
# basis_appendix: true
# 附件: list them here; they become the 附件说明 and the attachment pages (give each a file:
# its checklist/form; one without a file is only a title page and is warned about)
# a level-2/3/4 heading ending with 。 runs in with its paragraph: ## 抓住“关键少数”。
attachments:
  - 重点检查企业名录库
# 联系人 block before the 附件说明 (name, phone, fax, email, address; a list for several)
contact: {name: ×××, phone: ××××-×××××××, email: ×××@××.gov.cn}
---

为深入贯彻落实安全生产工作部署，压紧压实安全生产责任，决定开展××专项行动，特制定本方案。

# 指导思想和总体要求

坚持人民至上、生命至上，统筹发展和安全，以高水平执法推动安全生产形势稳定向好。

# 工作目标

通过专项行动，集中整治一批事故隐患，查处一批违法违规行为，曝光一批典型案例。

# 检查对象和范围

在危险化学品、建筑施工、工贸等重点行业领域，建立重点检查和一般检查企业名录库。

# 工作重点

## 抓住“关键少数”。

重点检查主要负责人履行安全生产职责情况[[依据: 生产经营单位主要负责人安全生产职责]]。（责任单位：区应急管理局，各行业主管部门）

## 关注重点环节

重点检查特种作业人员持证上岗情况[[依据+处罚: 特种作业人员未经专门的安全作业培训取得相应资格上岗作业]]。

# 实施步骤和时间安排

## 部署动员阶段（即日起至×月底）

制定工作方案，明确任务分工。

## 集中执法阶段（×月至×月）

组织开展监管执法检查。

## 巩固提升阶段（×月）

总结经验做法，建立长效机制。

# 工作要求和保障措施

## 加强组织领导

各部门要提高政治站位，确保专项行动取得实效。

## 强化执法震慑

对违法违规行为依法从严处罚。
"""  # noqa: E501 (a sample paragraph is one line)


def build(source: Source, citer: Citer, profile: L.FontProfile) -> DocxDocument:
    meta = source.meta
    document = templates.render("plan", {"title": meta.title}, profile)
    composer = Composer(document, profile, citer, source.path.name)
    templates.properties(document, title=meta.title, author=meta.issuer or meta.signature, date=meta.date or None)
    composer.title(meta.title, paragraph=templates.find_role(document, "title"))
    composer.blocks(outline.parse(source.body, first_line=source.body_line))
    write_closing(composer, meta)
    return document
