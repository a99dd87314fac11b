"""Refusals the services raise, each with a Chinese and an English message.

``str(error)`` is ``"<中文> / <English>"``, ready for the CLI's ``错误 / error:`` line; the UI
picks one language with :meth:`ServiceError.message`.

What a caller may not see does not exist: asking for someone else's assessment gives the
same :class:`NotFound` as asking for one that was never created, so a refusal never confirms
that another enterprise's data is there. :class:`PermissionDenied` is for things the caller
can see but not do (a bureau saving an answer, an enterprise verifying its own submission).
"""

from __future__ import annotations

from typing import Any, Literal

_NOUNS = {
    "assessment": ("评估", "assessment"),
    "organisation": ("企业", "organisation"),
    "user": ("用户", "user"),
    "evidence": ("证明材料", "evidence file"),
    "revision": ("版本", "revision"),
}


class ServiceError(Exception):
    """Base class: a refusal explained in zh and en."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en

    def message(self, lang: Literal["zh", "en"] = "zh") -> str:
        return self.en if lang == "en" else self.zh


class AccessRefused(ServiceError):
    """The caller gets nothing: not theirs, not allowed, or not signed in."""


class NotFound(AccessRefused):
    def __init__(self, kind: str, ident: object) -> None:
        zh, en = _NOUNS.get(kind, (kind, kind))
        super().__init__(f"{zh} {ident} 不存在或无权查看", f"{en} {ident} does not exist or is not visible to you")
        self.kind = kind


class PermissionDenied(AccessRefused):
    def __init__(self, zh_what: str, en_what: str) -> None:
        super().__init__(f"无权{zh_what}", f"not allowed to {en_what}")


class NotAuthenticated(AccessRefused):
    def __init__(self) -> None:
        super().__init__("账户不存在或已停用，请重新登录", "the account does not exist or is disabled; sign in again")


# How a field is named to a person; ``str(error)`` (the CLI) keeps the field's id.
FIELD_NAMES = {
    "username": ("用户名", "username"),
    "password": ("密码", "password"),
    "token": ("首次启动口令", "first-start token"),
    "role": ("角色", "role"),
    "jurisdiction": ("辖区", "jurisdiction"),
    "organisation": ("所属企业", "organisation"),
    "name": ("企业名称", "name"),
    "credit_code": ("统一社会信用代码", "unified social credit code"),
    "region": ("所在地区", "region"),
    "industry": ("所属行业", "industry"),
    "size": ("企业规模", "size"),
    "production_type": ("生产类型", "production type"),
    "reason": ("退回原因", "reason"),
    "text": ("备注", "note"),
    "questionnaire": ("问卷", "questionnaire"),
    "file": ("文件", "file"),
}


class InvalidInput(ServiceError, ValueError):
    """A value that does not fit; ``field`` names it (by id in ``str()``, by name in
    :meth:`message`; a question id is left out there, since the page shows the question)."""

    def __init__(self, field: str, zh: str, en: str) -> None:
        super().__init__(f"{field}：{zh}", f"{field}: {en}")
        self.field = field
        self.plain_zh, self.plain_en = zh, en

    def message(self, lang: Literal["zh", "en"] = "zh") -> str:
        name = FIELD_NAMES.get(self.field)
        text = self.plain_en if lang == "en" else self.plain_zh
        if name is None:
            return text
        return f"{name[1]}: {text}" if lang == "en" else f"{name[0]}：{text}"


class Conflict(ServiceError):
    """The change collides with existing data (a duplicate credit code or username)."""


class EditConflict(Conflict):
    """Somebody else changed this answer after the editor last saw it; nothing was saved."""

    def __init__(self, question_id: str, label_zh: str, label_en: str, by: str, at: str, current: Any, version: int) -> None:
        super().__init__(
            f"「{label_zh}」已于 {at} 被 {by} 修改，您的修改未保存；页面已显示当前答案，请核对后再改",
            f"“{label_en}” was changed by {by} at {at}; your change was not saved. "
            "The page now shows the current answer: check it, then change it again",
        )
        self.question_id = question_id
        self.by = by
        self.at = at
        self.current = current
        self.version = version


class InvalidState(ServiceError):
    """Not possible in the current status (e.g. editing a submitted assessment)."""


class LoginFailed(ServiceError):
    def __init__(self) -> None:
        super().__init__("用户名或密码错误", "wrong username or password")


class LoginThrottled(LoginFailed):
    def __init__(self, retry_after: int) -> None:
        ServiceError.__init__(
            self,
            f"登录失败次数过多，请 {retry_after} 秒后再试",
            f"too many failed sign-ins; try again in {retry_after} s",
        )
        self.retry_after = retry_after
