"""Thin views for a course and its lessons, served through the pages (see
`courses.wagtail_hooks`): start or restart a course, view a lesson, answer a quiz,
walk a scenario, save a reflection."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from members.cache_versions import mark_member_cacheable

from .. import selectors, services
from ..models import CoursePage, LessonPage
from .common import errors_of, guard_member


def _parse_answers(request: HttpRequest, lesson: LessonPage) -> dict[str, list[int]]:
    answers: dict[str, list[int]] = {}
    for block in lesson.question_blocks():
        chosen = []
        for raw in request.POST.getlist(f"vraag-{block.id}"):
            try:
                chosen.append(int(raw))
            except ValueError:
                continue
        answers[block.id] = chosen
    return answers


def _int(value: Any, default: int = -1) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@never_cache
def serve_lesson(request: HttpRequest, lesson: LessonPage, *args: Any, **kwargs: Any) -> Any:
    """GET records the view (never for a preview: previews do not pass the serve hook);
    POST handles the quiz, a scenario choice or a reflection, then redirects back
    to the block the learner worked on."""
    request.is_preview = False
    refused = guard_member(request)
    if refused is not None:
        return refused
    user = request.user
    if request.method == "POST":
        action = request.POST.get("actie", "")
        block_id = request.POST.get("blok", "")
        try:
            if action == "toets":
                answers = _parse_answers(request, lesson)
                try:
                    attempt = services.grade_quiz_attempt(user=user, lesson=lesson, answers=answers)
                except ValidationError as error:
                    context = lesson.get_context(
                        request, posted_answers=answers, quiz_error=errors_of(error)
                    )
                    return TemplateResponse(
                        request, lesson.get_template(request), context, status=422
                    )
                completion = selectors.completion_issued_by(attempt)
                if completion is not None:
                    # The last lesson done: the completion page, not the lesson again.
                    return HttpResponseRedirect(
                        reverse("courses:completion", kwargs={"code": completion.code})
                    )
                return HttpResponseRedirect(f"{lesson.url}#toets-uitslag")
            if action == "casus":
                progress = services.choose_scenario_option(
                    user=user,
                    lesson=lesson,
                    block_id=block_id,
                    step=_int(request.POST.get("stap")),
                    choice=_int(request.POST.get("keuze")),
                )
                return HttpResponseRedirect(f"{lesson.url}#blok-{progress.position}")
            if action == "casus-opnieuw":
                services.restart_scenario(user=user, lesson=lesson, block_id=block_id)
                return HttpResponseRedirect(f"{lesson.url}#blok-{block_id}")
            if action == "reflectie":
                answer = request.POST.get("antwoord", "")
                try:
                    services.save_reflection(
                        user=user,
                        lesson=lesson,
                        block_id=block_id,
                        answer=answer,
                        seconds_spent=selectors.seconds_since(request.POST.get("gestart", "")),
                        accepted_placeholders=frozenset(request.POST.getlist("accepteer")),
                    )
                except ValidationError as error:
                    if lesson.block_by_id(block_id, "reflection") is None:
                        raise
                    # Shown again as typed, with the error beside it: nothing is lost.
                    # The typed text lives in this response only, never in a store.
                    details = getattr(error, "details", None)
                    context = lesson.get_context(
                        request,
                        posted_reflection={block_id: answer},
                        reflection_error={block_id: errors_of(error)},
                        reflection_privacy={block_id: details} if details else None,
                    )
                    return TemplateResponse(
                        request, lesson.get_template(request), context, status=422
                    )
                messages.success(request, _("Je reflectie is bewaard in je leerdossier."))
                # `bewaard` tells the page's script that the draft kept in the
                # browser may go: the server has the text now.
                return HttpResponseRedirect(f"{lesson.url}?bewaard={block_id}#blok-{block_id}")
        except ValidationError as error:
            messages.error(request, errors_of(error))
            return HttpResponseRedirect(lesson.url + (f"#blok-{block_id}" if block_id else ""))
        return HttpResponseRedirect(lesson.url)
    # The course and the learner's state are read once, for the record and the page.
    outline = selectors.course_outline(lesson, request)
    learner = selectors.learner_state(user=user, lesson=lesson, course_id=outline.pk)
    try:
        services.record_lesson_view(user=user, lesson=lesson, learner=learner)
    except ValidationError as error:
        messages.error(request, errors_of(error))
        return HttpResponseRedirect(outline.url)
    if learner.progress is None:
        # The first view in this cycle enrolled the learner or started the lesson.
        learner = selectors.learner_state(user=user, lesson=lesson, course_id=outline.pk)
    retake = bool(request.GET.get("opnieuw"))
    context = lesson.get_context(request, retake=retake, learner=learner, outline=outline)
    if not retake:
        _allow_member_cache(request, learner, context)
    return TemplateResponse(request, lesson.get_template(request), context)


def _allow_member_cache(request: HttpRequest, learner: Any, context: dict[str, Any]) -> None:
    """A plain GET of a lesson shows only the learner's own state (their progress,
    attempts, reflections, certificate: all raise their member version when they
    change), the pages and the shell: the project may keep it for this learner
    until the next view would record itself again (services.VIEW_RECORD_INTERVAL),
    the reflection's start time filled in anew on every request."""
    progress = learner.progress
    if progress is None:
        return
    left = services.VIEW_RECORD_INTERVAL - (timezone.now() - progress.last_viewed_at)
    tokens = {
        item.state["token"]: selectors.REFLECTION_TOKEN
        for item in context.get("items", ())
        if item.block_type == "reflection" and item.state.get("token")
    }
    mark_member_cacheable(request, seconds=int(left.total_seconds()), fresh=tokens)


def course_action(request: HttpRequest, course: CoursePage) -> HttpResponse:
    """POST on a course page: start it, or start again to re-certify."""
    refused = guard_member(request)
    if refused is not None:
        return refused
    try:
        if request.POST.get("actie") == "opnieuw":
            services.restart_course(user=request.user, course=course)
            messages.success(request, _("Je begint opnieuw. Je oude certificaat blijft bewaard."))
        else:
            services.enrol(user=request.user, course=course)
    except ValidationError as error:
        messages.error(request, errors_of(error))
        return HttpResponseRedirect(course.url)
    overview = selectors.course_overview(course=course, user=request.user)
    return HttpResponseRedirect(overview["resume_url"] or course.url)
