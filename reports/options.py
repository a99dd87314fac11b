"""What a report is made from: the options chosen by whoever prints it, and the parts (one
filled questionnaire each: its questionnaire, result, answers and per-answer notes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from assessment.engine.compare import RoundComparison
from assessment.engine.models import Questionnaire
from assessment.engine.results import Result


class ReportOptions(BaseModel):
    """Options of a report.

    ``deterministic``: the same inputs give the same bytes (fixed PDF timestamps and file
    id). The printed report date is ``report_date``, or today when it is not given.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    lang: Literal["zh", "en"] = "zh"
    consultant: str = ""
    assessor: str = ""
    logo: Path | bytes | None = None
    report_date: dt.date | None = None
    deterministic: bool = False

    def date(self) -> dt.date:
        return self.report_date or dt.date.today()


class ReportError(ValueError):
    """The inputs cannot make a report (mismatched result, unreadable logo …)."""


@dataclass(frozen=True)
class ReportPart:
    """One filled questionnaire. ``answers`` as given to ``assess``; ``notes`` by question id;
    ``comparison`` with the enterprise's previous round of the same questionnaire, if any."""

    questionnaire: Questionnaire
    result: Result
    answers: Mapping[str, Any] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    comparison: RoundComparison | None = None

    def check(self) -> None:
        if self.result.questionnaire != self.questionnaire.ref:
            raise ReportError(f"result is for {self.result.questionnaire} but the questionnaire is {self.questionnaire.ref}")
