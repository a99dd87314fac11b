"""Use cases shared by the UI and the CLI. Access control lives here (see :mod:`.access`).

Every function takes the :class:`~.actors.Actor` doing it, first re-reads that account from
the database, then decides; refusals are :class:`~.errors.ServiceError` subclasses with a
Chinese and an English message.
"""

from __future__ import annotations

from .accounts import (
    UserInfo,
    authenticate,
    change_password,
    create_user,
    current_actor,
    disable_user,
    enable_user,
    has_users,
    link_consultant,
    list_users,
    set_password,
    unlink_consultant,
)
from .actors import ROLES, Actor, Role
from .assessments import (
    TRANSITIONS,
    AssessmentSummary,
    AssessmentView,
    Page,
    get_assessment,
    result,
    return_assessment,
    start_assessment,
    submit,
    verify_assessment,
)
from .consult_exports import action_plan_xlsx, application_docx
from .consultants import consultant_organisation, set_consultant_organisation
from .drafts import Saved, save_answer, save_answers
from .errors import (
    AccessRefused,
    Conflict,
    EditConflict,
    InvalidInput,
    InvalidState,
    LoginFailed,
    LoginThrottled,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ServiceError,
)
from .evidence import EvidenceInfo, NoteInfo, add_evidence, add_note, get_evidence, list_evidence, list_notes, remove_evidence
from .export import ReportInput, build_report, iter_submissions, pdf_report, report_input, submission_rows
from .history import AuditInfo, account_log, assessment_history
from .imports import ImportedAssessment, import_assessment
from .links import LinkInfo, list_links
from .listing import RevisionInfo, list_assessments, list_revisions
from .migration import MigratedDraft, MigrationOffer, migrate_draft, migration_offer
from .organisations import OrgInfo, create_organisation, get_organisation, list_organisations, update_organisation
from .rounds import RoundInfo, compare_with_previous, round_info

__all__ = [
    "ROLES",
    "TRANSITIONS",
    "AccessRefused",
    "Actor",
    "AssessmentSummary",
    "AssessmentView",
    "AuditInfo",
    "Conflict",
    "EditConflict",
    "EvidenceInfo",
    "ImportedAssessment",
    "InvalidInput",
    "InvalidState",
    "LinkInfo",
    "LoginFailed",
    "LoginThrottled",
    "MigratedDraft",
    "MigrationOffer",
    "NotAuthenticated",
    "NotFound",
    "NoteInfo",
    "OrgInfo",
    "Page",
    "PermissionDenied",
    "ReportInput",
    "RevisionInfo",
    "Role",
    "RoundInfo",
    "Saved",
    "ServiceError",
    "UserInfo",
    "account_log",
    "action_plan_xlsx",
    "add_evidence",
    "add_note",
    "application_docx",
    "assessment_history",
    "authenticate",
    "build_report",
    "change_password",
    "compare_with_previous",
    "consultant_organisation",
    "create_organisation",
    "create_user",
    "current_actor",
    "disable_user",
    "enable_user",
    "get_assessment",
    "get_evidence",
    "get_organisation",
    "has_users",
    "import_assessment",
    "iter_submissions",
    "link_consultant",
    "list_assessments",
    "list_evidence",
    "list_links",
    "list_notes",
    "list_organisations",
    "list_revisions",
    "list_users",
    "migrate_draft",
    "migration_offer",
    "pdf_report",
    "remove_evidence",
    "report_input",
    "result",
    "return_assessment",
    "round_info",
    "save_answer",
    "save_answers",
    "set_consultant_organisation",
    "set_password",
    "start_assessment",
    "submission_rows",
    "submit",
    "unlink_consultant",
    "update_organisation",
    "verify_assessment",
]

from .setup import create_first_admin, first_start_token

__all__ += ["create_first_admin", "first_start_token"]
