"""Translated labels for the stored words, as Django choices."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "at_least": _("不低于"),
    "more_than": _("超过"),
    "at_most": _("不超过"),
    "less_than": _("低于"),
    "about": _("左右"),
    "range": _("区间"),
    "exact": _("确数"),
    "higher": _("越高越好"),
    "lower": _("越低越好"),
    "firm": _("约束性"),
    "aspirational": _("力争"),
    "linear": _("线性"),
    "level": _("时点值"),
    "flow": _("期内累计量"),
    "rate": _("变化率"),
    "compound": _("复合增长"),
    "lead": _("牵头"),
    "support": _("配合"),
    "plan": _("规划/方案"),
    "reply": _("建议提案答复"),
    "news": _("新闻"),
    "bulletin": _("统计公报"),
    "other": _("其他"),
    "draft": _("草稿"),
    "submitted": _("待审核"),
    "approved": _("已审核"),
    "returned": _("已退回"),
    "withdrawn": _("已撤回"),
    "met": _("已完成"),
    "missed": _("未完成"),
    "indeterminate": _("无法判定"),
    "on_track": _("进度正常"),
    "off_track": _("进度滞后"),
    "overdue": _("逾期"),
    "no_data": _("暂无数据"),
    "incomparable": _("不可比"),
    "final": _("终期"),
    "interim": _("期中"),
    "later": _("事后"),
    "baseline": _("基期"),
    "context": _("背景"),
    # Progress bands of the path rule (Open SDG); "on_track" shares the status label.
    "needs_acceleration": _("需加快"),
    "limited_progress": _("进展有限"),
    "deterioration": _("倒退"),
    "create": _("新增"),
    "update": _("修改"),
    "delete": _("删除"),
    "submit": _("提交审核"),
    "approve": _("审核通过"),
    "return": _("退回"),
    "lock": _("锁定"),
    "unlock": _("解锁"),
    "withdraw": _("撤回"),
    "deactivate": _("停用账号"),
    "reactivate": _("恢复账号"),
    # Entry points of the audit trail.
    "admin": _("管理后台"),
    "review": _("审核队列"),
    "import": _("规划文件导入"),
    "import_outcomes": _("完成情况CSV导入"),
    "proposals": _("完成情况建议审阅"),
}


# Dimensions of the seed units (tracker.domain.units); a planner's own
# dimension shows as its name.
DIMENSION_LABELS = {
    "yuan": _("人民币"),
    "usd": _("美元"),
    "mass": _("质量"),
    "area": _("面积"),
    "energy": _("能源（标准煤）"),
    "power": _("功率"),
    "electricity": _("电量"),
    "count": _("计数"),
    "percent": _("百分比"),
    "percentage_point": _("百分点"),
    "volume": _("体积"),
    "length": _("长度"),
    "bandwidth": _("带宽"),
    "concentration": _("浓度"),
}


def dimension_label(dimension: str) -> str:
    return str(DIMENSION_LABELS.get(dimension, dimension))


def choices(words: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(word, LABELS[word]) for word in words]


def label(word: str) -> str:
    return str(LABELS.get(word, word))
