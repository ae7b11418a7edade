"""Reads that views, hooks and PDFs share, one module per screen: the catalogue and
a course page (`catalogue`), a lesson (`lesson`), the learning record and
certificates (`record`), the coordinator's reports (`reports`) and the home page's
sections (`home`). Each runs a fixed number of queries whatever the amount of data
(pinned in tests)."""

from .catalogue import (
    CourseCard,
    course_list,
    course_overview,
    missing_prerequisites,
    prerequisites_of,
    resume_anchor,
)
from .home import courses_in_progress, expiring_certificates
from .lesson import (
    REFLECTION_SALT,
    REFLECTION_TOKEN,
    BlockItem,
    CourseOutline,
    LearnerState,
    course_outline,
    forget_course_outlines,
    learner_state,
    lesson_state,
    reflection_token,
    scenario_state,
    seconds_since,
)
from .record import (
    completion_by_code,
    completion_for_owner,
    completion_issued_by,
    completion_page,
    current_completion,
    learning_record,
    member_name,
    member_register_numbers,
)
from .reports import (
    MIN_ATTEMPTS_FOR_A_RATE,
    AttendanceLine,
    QuestionRate,
    ReportRow,
    attendance_list,
    first_attempt_rates,
    organisation_report,
)

__all__ = [
    "MIN_ATTEMPTS_FOR_A_RATE",
    "REFLECTION_SALT",
    "REFLECTION_TOKEN",
    "AttendanceLine",
    "BlockItem",
    "CourseCard",
    "CourseOutline",
    "LearnerState",
    "QuestionRate",
    "ReportRow",
    "attendance_list",
    "completion_by_code",
    "completion_for_owner",
    "completion_issued_by",
    "completion_page",
    "course_list",
    "course_outline",
    "course_overview",
    "courses_in_progress",
    "current_completion",
    "expiring_certificates",
    "first_attempt_rates",
    "forget_course_outlines",
    "learner_state",
    "learning_record",
    "lesson_state",
    "member_name",
    "member_register_numbers",
    "missing_prerequisites",
    "organisation_report",
    "prerequisites_of",
    "reflection_token",
    "resume_anchor",
    "scenario_state",
    "seconds_since",
]
