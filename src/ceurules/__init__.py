"""ceurules: a continuing-education credit policy, as code.

Every decision cites the clause of the policy it applies; every number and
choice of the policy is a field of :class:`Policy`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .agenda import Agenda, Segment, SegmentKind
    from .approval import (
        Approval,
        ApprovalRequest,
        Documents,
        WaiverRequest,
        check_approval_request,
        is_date_approved,
        is_request_on_time,
        review_due,
        submission_deadline,
    )
    from .business_days import BusinessCalendar
    from .clauses import CLAUSES, DEFAULTS, Clause, clause
    from .columns import ApplicationColumns, application_columns
    from .credit import (
        ApplicationSummary,
        Attendance,
        CreditApplication,
        CreditStatus,
        Payment,
        ProcessingWindow,
        Status,
        application_deadline,
        application_summaries,
        check_credit_application,
        credit_status,
        is_on_time,
        processing_window,
        semi_osl_date,
    )
    from .credit_systems import CreditLine, CreditStatement, credit_statement
    from .decisions import SCHEMA_VERSION, Answer, Decision, Finding, Outcome, Reason, Verdict
    from .educator_records import Activity, EducatorRecord, Origin, load_record
    from .eligibility import check_eligibility, is_eligible
    from .errors import (
        CeuRulesError,
        InvalidInputError,
        PolicyFileError,
        ProgramFileError,
        RecordFileError,
        RenewalRuleError,
        RuleNotInForceError,
        UnknownCalendarError,
    )
    from .policy import DEFAULT_POLICY, Change, CreditingRule, Policy, Rounding, Source, Term
    from .policy_files import load_policy
    from .program_files import ProgramFile, load_program, load_program_file
    from .programs import ActivityType, CourseCriteria, Instructor, Program
    from .renewal import RenewalFinding, RenewalProgress, Standing, is_renewal_met, renewal_progress
    from .renewal_rules import (
        RENEWAL_DEFAULTS,
        RenewalRule,
        RenewalWindow,
        Requirement,
        RequirementGroup,
        RuleSource,
        RuleVersion,
        bundled_renewal_rules,
        load_renewal_rule,
    )
    from .review import FileReport, review_program_file
    from .timelines import Event, Timeline, timeline
    from .units import Credits, ceus, contact_minutes, credits
    from .yearlong import (
        Batch,
        Batching,
        Packet,
        PacketEntry,
        PacketStanding,
        Unbatched,
        YearLong,
        check_packet,
        credit_expected,
        full_packet,
        packet_ceus,
        packet_rule,
        packet_standing,
        participant_ceus,
        semester_batches,
    )

    __version__: str

# Public names and the module that defines each. Submodules load on first use, so
# ``import ceurules`` stays light (apps, CLIs and notebooks pay only for what they use).
_EXPORTS: dict[str, str] = {
    "Activity": "educator_records",
    "ActivityType": "programs",
    "Agenda": "agenda",
    "Approval": "approval",
    "ApprovalRequest": "approval",
    "ApplicationSummary": "credit",
    "Attendance": "credit",
    "Batch": "yearlong",
    "Batching": "yearlong",
    "BusinessCalendar": "business_days",
    "CLAUSES": "clauses",
    "CeuRulesError": "errors",
    "Change": "policy",
    "Clause": "clauses",
    "CourseCriteria": "programs",
    "CreditApplication": "credit",
    "CreditLine": "credit_systems",
    "CreditStatement": "credit_systems",
    "CreditStatus": "credit",
    "Credits": "units",
    "CreditingRule": "policy",
    "DEFAULTS": "clauses",
    "DEFAULT_POLICY": "policy",
    "Answer": "decisions",
    "Decision": "decisions",
    "Reason": "decisions",
    "Documents": "approval",
    "EducatorRecord": "educator_records",
    "Event": "timelines",
    "FileReport": "review",
    "Finding": "decisions",
    "Instructor": "programs",
    "InvalidInputError": "errors",
    "Origin": "educator_records",
    "Outcome": "decisions",
    "Packet": "yearlong",
    "PacketEntry": "yearlong",
    "PacketStanding": "yearlong",
    "YearLong": "yearlong",
    "credit_expected": "yearlong",
    "full_packet": "yearlong",
    "packet_rule": "yearlong",
    "packet_standing": "yearlong",
    "participant_ceus": "yearlong",
    "Payment": "credit",
    "Policy": "policy",
    "PolicyFileError": "errors",
    "ProcessingWindow": "credit",
    "Program": "programs",
    "ProgramFile": "program_files",
    "ProgramFileError": "errors",
    "RENEWAL_DEFAULTS": "renewal_rules",
    "RecordFileError": "errors",
    "RenewalFinding": "renewal",
    "RenewalProgress": "renewal",
    "RenewalRule": "renewal_rules",
    "RenewalRuleError": "errors",
    "RenewalWindow": "renewal_rules",
    "Requirement": "renewal_rules",
    "RequirementGroup": "renewal_rules",
    "Rounding": "policy",
    "RuleNotInForceError": "errors",
    "RuleSource": "renewal_rules",
    "RuleVersion": "renewal_rules",
    "SCHEMA_VERSION": "decisions",
    "Segment": "agenda",
    "Source": "policy",
    "SegmentKind": "agenda",
    "Standing": "renewal",
    "Status": "credit",
    "Term": "policy",
    "Timeline": "timelines",
    "Unbatched": "yearlong",
    "UnknownCalendarError": "errors",
    "Verdict": "decisions",
    "WaiverRequest": "approval",
    "application_deadline": "credit",
    "application_summaries": "credit",
    "ApplicationColumns": "columns",
    "application_columns": "columns",
    "bundled_renewal_rules": "renewal_rules",
    "ceus": "units",
    "check_approval_request": "approval",
    "check_credit_application": "credit",
    "check_eligibility": "eligibility",
    "check_packet": "yearlong",
    "clause": "clauses",
    "contact_minutes": "units",
    "credit_statement": "credit_systems",
    "credit_status": "credit",
    "credits": "units",
    "is_date_approved": "approval",
    "is_eligible": "eligibility",
    "is_on_time": "credit",
    "is_renewal_met": "renewal",
    "is_request_on_time": "approval",
    "load_policy": "policy_files",
    "load_program": "program_files",
    "load_program_file": "program_files",
    "load_record": "educator_records",
    "load_renewal_rule": "renewal_rules",
    "packet_ceus": "yearlong",
    "processing_window": "credit",
    "renewal_progress": "renewal",
    "review_due": "approval",
    "review_program_file": "review",
    "semester_batches": "yearlong",
    "semi_osl_date": "credit",
    "submission_deadline": "approval",
    "timeline": "timelines",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: Any = version("ceurules")
        except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
            value = "0+unknown"
    elif name in _EXPORTS:
        from importlib import import_module

        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    else:
        raise AttributeError(f"module 'ceurules' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "CLAUSES",
    "DEFAULTS",
    "DEFAULT_POLICY",
    "RENEWAL_DEFAULTS",
    "SCHEMA_VERSION",
    "Activity",
    "ActivityType",
    "Agenda",
    "Answer",
    "ApplicationColumns",
    "ApplicationSummary",
    "Approval",
    "ApprovalRequest",
    "Attendance",
    "Batch",
    "Batching",
    "BusinessCalendar",
    "CeuRulesError",
    "Change",
    "Clause",
    "CourseCriteria",
    "CreditApplication",
    "CreditLine",
    "CreditStatement",
    "CreditStatus",
    "CreditingRule",
    "Credits",
    "Decision",
    "Documents",
    "EducatorRecord",
    "Event",
    "FileReport",
    "Finding",
    "Instructor",
    "InvalidInputError",
    "Origin",
    "Outcome",
    "Packet",
    "PacketEntry",
    "PacketStanding",
    "Payment",
    "Policy",
    "PolicyFileError",
    "ProcessingWindow",
    "Program",
    "ProgramFile",
    "ProgramFileError",
    "Reason",
    "RecordFileError",
    "RenewalFinding",
    "RenewalProgress",
    "RenewalRule",
    "RenewalRuleError",
    "RenewalWindow",
    "Requirement",
    "RequirementGroup",
    "Rounding",
    "RuleNotInForceError",
    "RuleSource",
    "RuleVersion",
    "Segment",
    "SegmentKind",
    "Source",
    "Standing",
    "Status",
    "Term",
    "Timeline",
    "Unbatched",
    "UnknownCalendarError",
    "Verdict",
    "WaiverRequest",
    "YearLong",
    "__version__",
    "application_columns",
    "application_deadline",
    "application_summaries",
    "bundled_renewal_rules",
    "ceus",
    "check_approval_request",
    "check_credit_application",
    "check_eligibility",
    "check_packet",
    "clause",
    "contact_minutes",
    "credit_expected",
    "credit_statement",
    "credit_status",
    "credits",
    "full_packet",
    "is_date_approved",
    "is_eligible",
    "is_on_time",
    "is_renewal_met",
    "is_request_on_time",
    "load_policy",
    "load_program",
    "load_program_file",
    "load_record",
    "load_renewal_rule",
    "packet_ceus",
    "packet_rule",
    "packet_standing",
    "participant_ceus",
    "processing_window",
    "renewal_progress",
    "review_due",
    "review_program_file",
    "semester_batches",
    "semi_osl_date",
    "submission_deadline",
    "timeline",
]
