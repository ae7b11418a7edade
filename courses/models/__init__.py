"""Course pages (`pages`), the registers (`registers`) and the learner's records
(`records`). Everything is importable from `courses.models`, as Django expects."""

from .activities import ActivityKind, LearningActivity
from .pages import (
    ERROR_DUPLICATE_REGISTER,
    ERROR_SKJ_NEEDS_TEST,
    PAGE_CONTEXT_HOOK,
    VIEW_RESTRICTIONS_HOOK,
    CourseAccreditation,
    CourseIndexPage,
    CoursePage,
    CoursePageForm,
    LessonPage,
)
from .records import (
    Completion,
    CompletionQuerySet,
    Enrolment,
    LessonProgress,
    QuizAttempt,
    ReflectionAnswer,
)
from .registers import REGISTER_NUMBER_KEYS, Register, number_for_register

__all__ = [
    "ERROR_DUPLICATE_REGISTER",
    "ERROR_SKJ_NEEDS_TEST",
    "PAGE_CONTEXT_HOOK",
    "REGISTER_NUMBER_KEYS",
    "VIEW_RESTRICTIONS_HOOK",
    "ActivityKind",
    "Completion",
    "CompletionQuerySet",
    "CourseAccreditation",
    "CourseIndexPage",
    "CoursePage",
    "CoursePageForm",
    "Enrolment",
    "LearningActivity",
    "LessonPage",
    "LessonProgress",
    "QuizAttempt",
    "ReflectionAnswer",
    "Register",
    "number_for_register",
]
