"""ceurules: a continuing-education credit policy, as code.

Every decision cites the clause of the policy it applies; every number and
choice of the policy is a field of :class:`Policy`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .agenda import Agenda, Segment, SegmentKind
from .approval import (
    Approval,
    ApprovalRequest,
    Documents,
    WaiverRequest,
    check_approval_request,
    is_date_approved,
    review_due,
    submission_deadline,
)
from .business_days import BusinessCalendar
from .clauses import CLAUSES, DEFAULTS, Clause, clause
from .credit import (
    Attendance,
    CreditApplication,
    CreditStatus,
    Payment,
    ProcessingWindow,
    Status,
    application_deadline,
    check_credit_application,
    credit_status,
    processing_window,
    semi_osl_date,
)
from .decisions import SCHEMA_VERSION, Decision, Finding, Outcome, Verdict
from .eligibility import check_eligibility, is_eligible
from .errors import (
    CeuRulesError,
    InvalidInputError,
    ProgramFileError,
    RuleNotInForceError,
    UnknownCalendarError,
)
from .policy import DEFAULT_POLICY, CreditingRule, Policy, Rounding, Term
from .program_files import PacketEntry, ProgramFile, load_program, load_program_file
from .programs import ActivityType, CourseCriteria, Instructor, Program
from .review import FileReport, review_program_file
from .timeline import Event, Timeline, timeline
from .units import ceus, contact_minutes
from .yearlong import Batch, Batching, Packet, Unbatched, check_packet, packet_ceus, semester_batches

try:
    __version__ = version("ceurules")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "CLAUSES",
    "DEFAULTS",
    "DEFAULT_POLICY",
    "SCHEMA_VERSION",
    "ActivityType",
    "Agenda",
    "Approval",
    "ApprovalRequest",
    "Attendance",
    "Batch",
    "Batching",
    "BusinessCalendar",
    "CeuRulesError",
    "Clause",
    "CourseCriteria",
    "CreditApplication",
    "CreditStatus",
    "CreditingRule",
    "Decision",
    "Documents",
    "Event",
    "FileReport",
    "Finding",
    "Instructor",
    "InvalidInputError",
    "Outcome",
    "Packet",
    "PacketEntry",
    "Payment",
    "Policy",
    "ProcessingWindow",
    "Program",
    "ProgramFile",
    "ProgramFileError",
    "Rounding",
    "RuleNotInForceError",
    "Segment",
    "SegmentKind",
    "Status",
    "Term",
    "Timeline",
    "Unbatched",
    "UnknownCalendarError",
    "Verdict",
    "WaiverRequest",
    "__version__",
    "application_deadline",
    "ceus",
    "check_approval_request",
    "check_credit_application",
    "check_eligibility",
    "check_packet",
    "clause",
    "contact_minutes",
    "credit_status",
    "is_date_approved",
    "is_eligible",
    "load_program",
    "load_program_file",
    "packet_ceus",
    "processing_window",
    "review_due",
    "review_program_file",
    "semester_batches",
    "semi_osl_date",
    "submission_deadline",
    "timeline",
]
