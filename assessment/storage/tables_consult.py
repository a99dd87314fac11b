"""Tables of the consultant's work: the organisation a consultant's account works for.

A consultant account (诊断服务商) belongs to a diagnosing organisation (诊断机构) whose name
appears on every report it produces; it is kept here, one row per consultant account, so
that the users table stays as it is.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .tables import Base
from .types import UTCDateTime


class ConsultantProfile(Base):
    """The 诊断机构 of a consultant account (shown as 诊断机构 on its reports)."""

    __tablename__ = "consultant_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    organisation_name: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
