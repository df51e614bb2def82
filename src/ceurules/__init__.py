"""ceurules: a continuing-education credit policy, as code.

Every decision cites the clause of the policy it applies; every number and
choice of the policy is a field of :class:`Policy`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The public names, by the module that defines each: the one table. ``__all__`` is built from it, and
# submodules load on first use, so ``import ceurules`` stays light (apps, CLIs and notebooks pay only for
# what they use).
_MODULES: dict[str, tuple[str, ...]] = {
    "agenda": ("Agenda", "Segment"),
    "approval": (
        "Approval", "ApprovalRequest", "Documents", "WaiverRequest", "check_approval_request", "is_date_approved",
        "is_request_on_time",
    ),
    "approval_deadlines": ("review_due", "submission_deadline"),
    "business_days": ("BusinessCalendar",),
    "clauses": ("CLAUSES", "DEFAULTS", "Clause", "clause"),
    "columns": ("ApplicationColumns", "application_columns"),
    "credit": (
        "ApplicationSummary", "Attendance", "CreditApplication", "CreditStatus", "Payment", "ProcessingWindow",
        "Status", "application_deadline", "application_summaries", "check_credit_application", "credit_status",
        "is_on_time", "processing_window", "semi_osl_date",
    ),
    "credit_systems": ("CreditLine", "CreditStatement", "credit_statement"),
    "decisions": ("SCHEMA_VERSION", "Answer", "Decision", "Finding", "Outcome", "Reason", "Verdict"),
    "educator_records": ("Activity", "EducatorRecord", "Origin", "load_record"),
    "eligibility": ("check_eligibility", "is_eligible"),
    "errors": (
        "CaseFileError", "CeuRulesError", "InvalidInputError", "PolicyFileError", "ProgramFileError",
        "RecordFileError", "RenewalRuleError", "RuleNotInForceError", "UnknownCalendarError",
    ),
    "policy": ("DEFAULT_POLICY", "Change", "CreditingRule", "Policy", "Rounding", "SegmentKind", "Source", "Term"),
    "policy_files": ("load_policy",),
    "program_files": ("ProgramFile", "load_program", "load_program_file"),
    "programs": ("ActivityType", "CourseCriteria", "Instructor", "Program"),
    "renewal": ("RenewalFinding", "RenewalProgress", "Standing", "is_renewal_met", "renewal_progress"),
    "renewal_rules": (
        "RENEWAL_DEFAULTS", "RenewalRule", "RenewalWindow", "Requirement", "RequirementGroup", "RuleSource",
        "RuleVersion", "bundled_renewal_rules", "load_renewal_rule",
    ),
    "review": ("FileReport", "review_program_file"),
    "timelines": ("Event", "Timeline", "timeline"),
    "units": ("Credits", "ceus", "contact_minutes", "credits"),
    "yearlong": (
        "Batch", "Batching", "Packet", "PacketEntry", "PacketStanding", "Unbatched", "YearLong", "check_packet",
        "credit_expected", "full_packet", "packet_ceus", "packet_rule", "packet_standing", "participant_ceus",
        "semester_batches",
    ),
}
_EXPORTS = {name: module for module, names in _MODULES.items() for name in names}
__all__ = sorted([*_EXPORTS, "__version__"])

if TYPE_CHECKING:  # what type checkers see of the lazy names: the table again (tests/test_api.py checks it)
    from .agenda import Agenda as Agenda, Segment as Segment
    from .approval import (
        Approval as Approval,
        ApprovalRequest as ApprovalRequest,
        Documents as Documents,
        WaiverRequest as WaiverRequest,
        check_approval_request as check_approval_request,
        is_date_approved as is_date_approved,
        is_request_on_time as is_request_on_time,
    )
    from .approval_deadlines import review_due as review_due, submission_deadline as submission_deadline
    from .business_days import BusinessCalendar as BusinessCalendar
    from .clauses import CLAUSES as CLAUSES, DEFAULTS as DEFAULTS, Clause as Clause, clause as clause
    from .columns import ApplicationColumns as ApplicationColumns, application_columns as application_columns
    from .credit import (
        ApplicationSummary as ApplicationSummary,
        Attendance as Attendance,
        CreditApplication as CreditApplication,
        CreditStatus as CreditStatus,
        Payment as Payment,
        ProcessingWindow as ProcessingWindow,
        Status as Status,
        application_deadline as application_deadline,
        application_summaries as application_summaries,
        check_credit_application as check_credit_application,
        credit_status as credit_status,
        is_on_time as is_on_time,
        processing_window as processing_window,
        semi_osl_date as semi_osl_date,
    )
    from .credit_systems import (
        CreditLine as CreditLine,
        CreditStatement as CreditStatement,
        credit_statement as credit_statement,
    )
    from .decisions import (
        SCHEMA_VERSION as SCHEMA_VERSION,
        Answer as Answer,
        Decision as Decision,
        Finding as Finding,
        Outcome as Outcome,
        Reason as Reason,
        Verdict as Verdict,
    )
    from .educator_records import (
        Activity as Activity,
        EducatorRecord as EducatorRecord,
        Origin as Origin,
        load_record as load_record,
    )
    from .eligibility import check_eligibility as check_eligibility, is_eligible as is_eligible
    from .errors import (
        CaseFileError as CaseFileError,
        CeuRulesError as CeuRulesError,
        InvalidInputError as InvalidInputError,
        PolicyFileError as PolicyFileError,
        ProgramFileError as ProgramFileError,
        RecordFileError as RecordFileError,
        RenewalRuleError as RenewalRuleError,
        RuleNotInForceError as RuleNotInForceError,
        UnknownCalendarError as UnknownCalendarError,
    )
    from .policy import (
        DEFAULT_POLICY as DEFAULT_POLICY,
        Change as Change,
        CreditingRule as CreditingRule,
        Policy as Policy,
        Rounding as Rounding,
        SegmentKind as SegmentKind,
        Source as Source,
        Term as Term,
    )
    from .policy_files import load_policy as load_policy
    from .program_files import (
        ProgramFile as ProgramFile,
        load_program as load_program,
        load_program_file as load_program_file,
    )
    from .programs import (
        ActivityType as ActivityType,
        CourseCriteria as CourseCriteria,
        Instructor as Instructor,
        Program as Program,
    )
    from .renewal import (
        RenewalFinding as RenewalFinding,
        RenewalProgress as RenewalProgress,
        Standing as Standing,
        is_renewal_met as is_renewal_met,
        renewal_progress as renewal_progress,
    )
    from .renewal_rules import (
        RENEWAL_DEFAULTS as RENEWAL_DEFAULTS,
        RenewalRule as RenewalRule,
        RenewalWindow as RenewalWindow,
        Requirement as Requirement,
        RequirementGroup as RequirementGroup,
        RuleSource as RuleSource,
        RuleVersion as RuleVersion,
        bundled_renewal_rules as bundled_renewal_rules,
        load_renewal_rule as load_renewal_rule,
    )
    from .review import FileReport as FileReport, review_program_file as review_program_file
    from .timelines import Event as Event, Timeline as Timeline, timeline as timeline
    from .units import Credits as Credits, ceus as ceus, contact_minutes as contact_minutes, credits as credits
    from .yearlong import (
        Batch as Batch,
        Batching as Batching,
        Packet as Packet,
        PacketEntry as PacketEntry,
        PacketStanding as PacketStanding,
        Unbatched as Unbatched,
        YearLong as YearLong,
        check_packet as check_packet,
        credit_expected as credit_expected,
        full_packet as full_packet,
        packet_ceus as packet_ceus,
        packet_rule as packet_rule,
        packet_standing as packet_standing,
        participant_ceus as participant_ceus,
        semester_batches as semester_batches,
    )

    __version__: str


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: Any = version("ceurules")
        except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
            value = "0+unknown"
    elif name in _EXPORTS:
        from importlib import import_module

        from ._gc import collection_paused

        with collection_paused():  # what a module defines lives on: collector passes during its import are waste
            value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    else:
        raise AttributeError(f"module 'ceurules' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
