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
    BlockItem,
    LearnerState,
    course_of,
    learner_state,
    lesson_state,
    reflection_token,
    scenario_state,
    seconds_since,
)
from .record import (
    completion_by_code,
    completion_for_owner,
    learning_record,
    member_name,
    member_register_numbers,
)
from .reports import AttendanceLine, ReportRow, attendance_list, organisation_report

__all__ = [
    "REFLECTION_SALT",
    "AttendanceLine",
    "BlockItem",
    "CourseCard",
    "LearnerState",
    "ReportRow",
    "attendance_list",
    "completion_by_code",
    "completion_for_owner",
    "course_list",
    "course_of",
    "course_overview",
    "courses_in_progress",
    "expiring_certificates",
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
