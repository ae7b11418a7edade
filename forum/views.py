"""Thin views for the forum: bind the form, call one service, show the privacy
preview or the error in Dutch, redirect. Every form works without JavaScript;
static/js/forum.js enhances the reply form with fetch (same URL, same answers).

Typed text is never stored before the author accepted its redaction: the preview
is rendered from the POST itself, the session holds nothing of it, and the views
that take text are marked with `sensitive_post_parameters`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from members.cache_versions import mark_member_cacheable
from members.decorators import member_required
from members.permissions import suspended_until
from members.privacy_preview import Previews
from members.privacy_preview import attempt as _attempt

from . import permissions, selectors, services, thread_html
from .forms import (
    EditForm,
    FlagForm,
    MoveForm,
    PostForm,
    SuspensionForm,
    ThreadForm,
    WarningForm,
)
from .models import Category, SubscriptionState, ThreadAlias

FETCH_HEADER = "X-Forum-Fetch"
NOT_A_MODERATOR = _("Alleen moderatoren kunnen dit doen.")


def moderator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @member_required
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not permissions.can_moderate_forum(request.user):
            raise PermissionDenied(NOT_A_MODERATOR)
        return view(request, *args, **kwargs)

    guarded.__name__ = view.__name__
    guarded.__doc__ = view.__doc__
    return guarded


# --- reading ---------------------------------------------------------------


@never_cache
@member_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "forum/index.html",
        {
            "categories": selectors.categories_for(user=request.user),
            "can_moderate": permissions.can_moderate_forum(request.user),
        },
    )


@never_cache
@member_required
def search(request: HttpRequest) -> HttpResponse:
    """Search published posts; the query is neither stored nor logged."""
    query = request.GET.get("q", "").strip()[:200]
    return render(
        request,
        "forum/search.html",
        {
            "query": query,
            "results": selectors.search_posts(user=request.user, query=query) if query else [],
        },
    )


@never_cache
@member_required
def category(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.get_category_for(user=request.user, slug=slug)
    return render(
        request,
        "forum/category.html",
        {"category": current, "threads": selectors.threads_in(category=current, user=request.user)},
    )


def _thread_context(
    request: HttpRequest,
    thread: Any,
    form: PostForm,
    previews: Previews,
) -> dict[str, Any]:
    can_post = permissions.can_post_in(request.user, thread)
    can_moderate = permissions.can_moderate_forum(request.user)
    page = selectors.thread_page(
        thread=thread,
        user=request.user,
        can_post=can_post,
        can_moderate=can_moderate,
        csrf_token=get_token(request),
    )
    return {
        "thread": thread,
        # The posts drawn once per thread version and way of seeing it, the reader's
        # own bits settled per request (thread_html.py).
        **page,
        "form": form,
        "previews": previews,
        "can_post": can_post,
        "can_moderate": can_moderate,
        "aliases": (
            ThreadAlias.objects.filter(thread=thread).order_by("alias")
            if thread.alias_mode and permissions.can_moderate_forum(request.user)
            else []
        ),
        "move_form": MoveForm(initial={"category": thread.category_id}),
        "suspension_message": services.suspension_message(request.user),
        # first_unread links to the reply section by the same answer.
        "reply_section": permissions.sees_reply_section(request.user),
    }


@never_cache
@sensitive_post_parameters("text")
@member_required
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    """The thread and its reply form. A POST is a reply: first the privacy preview,
    then, confirmed, the redacted text is stored."""
    current = selectors.get_thread_for(user=request.user, pk=pk)
    fetch = request.headers.get(FETCH_HEADER) == "1"
    previews = Previews()
    if request.method == "POST":
        form = PostForm(request.POST)
        if form.is_valid():
            reply_to = None
            if form.cleaned_data.get("reply_to"):
                reply_to = selectors.get_post_for(
                    user=request.user, pk=form.cleaned_data["reply_to"]
                )
            post, previews = _attempt(
                request,
                form,
                lambda accepted: services.post_reply(
                    thread=current,
                    author=request.user,
                    text=form.cleaned_data["text"],
                    reply_to=reply_to,
                    accepted_placeholders=accepted,
                ),
            )
            if post is not None:
                if fetch:
                    return JsonResponse({"ok": True, "seq": post.seq, "id": post.pk})
                return redirect(f"{current.get_absolute_url()}#bericht-{post.seq}")
        if fetch:
            html = render_to_string(
                "forum/includes/reply_form.html",
                {"thread": current, "form": form, "previews": previews, "can_post": True},
                request=request,
            )
            return JsonResponse({"ok": False, "html": html}, status=400)
    else:
        form = PostForm(initial={"reply_to": request.GET.get("reactie_op") or None})
    context = _thread_context(request, current, form, previews)
    context["replying_to"] = _replying_to(request, current, form)
    response = render(request, "forum/thread.html", context)
    if request.method == "GET" and context["read_upto"] < context["last_seq"]:
        # No write (and no write lock) when the member had read it all already.
        services.mark_read(user=request.user, thread=current, seq=context["last_seq"])
    elif request.method == "GET" and not fetch:
        _keep_for_member(request, current, context)
    return response


def _keep_for_member(request: HttpRequest, thread: Any, context: dict[str, Any]) -> None:
    """Let the member page cache keep this page when `thread_html.keeping` allows it."""
    keeping = thread_html.keeping(thread, context)
    if keeping is not None:
        mark_member_cacheable(request, **keeping)


def _replying_to(request: HttpRequest, thread: Any, form: PostForm) -> Any:
    """The post the reply form answers, when the member chose one and may see it."""
    raw = form["reply_to"].value()
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    return selectors.quoted_post(thread=thread, user=request.user, pk=pk)


@member_required
def first_unread(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.get_thread_for(user=request.user, pk=pk)
    seq = selectors.first_unread_seq(thread=current, user=request.user)
    if seq is None and permissions.sees_reply_section(request.user):
        return redirect(current.get_absolute_url() + "#nieuw-bericht")
    if seq is None:
        # No reply section on their page (a suspended reader): the end of the thread.
        seq = selectors.last_seq_shown(thread=current, user=request.user)
    anchor = f"#bericht-{seq}" if seq is not None else "#forum-thread"
    return redirect(current.get_absolute_url() + anchor)


@never_cache
@sensitive_post_parameters("text", "title")
@member_required
def new_thread(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.get_category_for(user=request.user, slug=slug)
    previews = Previews()
    if request.method == "POST":
        form = ThreadForm(request.POST)
        if form.is_valid():
            created, previews = _attempt(
                request,
                form,
                lambda accepted: services.open_thread(
                    category=current,
                    title=form.cleaned_data["title"],
                    author=request.user,
                    text=form.cleaned_data["text"],
                    accepted_placeholders=accepted,
                ),
                fields=("title", "text"),
            )
            if created is not None:
                return redirect(created)
    else:
        form = ThreadForm()
    return render(
        request,
        "forum/new_thread.html",
        {"category": current, "form": form, "previews": previews},
    )


@never_cache
@sensitive_post_parameters("text")
@member_required
def edit_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.get_post_for(user=request.user, pk=pk)
    refusal = services.edit_refusal(request.user, post)
    if refusal is not None and request.method != "POST":
        raise PermissionDenied(refusal)
    previews = Previews()
    if request.method == "POST":
        form = EditForm(request.POST)
        if refusal is not None:
            # Suspended (or out of time) while typing: say why, keep the text.
            form.add_error(None, refusal)
            return render(
                request,
                "forum/edit_post.html",
                {"post": post, "form": form, "previews": previews},
                status=403,
            )
        if form.is_valid():
            edited, previews = _attempt(
                request,
                form,
                lambda accepted: services.edit_post(
                    post=post,
                    editor=request.user,
                    text=form.cleaned_data["text"],
                    accepted_placeholders=accepted,
                ),
            )
            if edited is not None:
                return redirect(edited.get_absolute_url())
    else:
        form = EditForm(initial={"text": post.text})
    return render(
        request, "forum/edit_post.html", {"post": post, "form": form, "previews": previews}
    )


@member_required
@require_POST
def delete_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.get_post_for(user=request.user, pk=pk)
    services.delete_post(post=post, actor=request.user)
    messages.success(request, _("Het bericht is verwijderd."))
    return redirect(post.thread)


@member_required
@require_POST
def react(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.get_post_for(user=request.user, pk=pk)
    try:
        on = services.react(post=post, user=request.user, kind=request.POST.get("soort", ""))
    except ValidationError as error:
        if request.headers.get(FETCH_HEADER) == "1":
            return JsonResponse({"ok": False, "error": " ".join(error.messages)}, status=429)
        messages.error(request, " ".join(error.messages))
        return redirect(post.get_absolute_url())
    if request.headers.get(FETCH_HEADER) == "1":
        return JsonResponse({"ok": True, "on": on})
    return redirect(post.get_absolute_url())


@never_cache
@member_required
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.get_post_for(user=request.user, pk=pk)
    if request.method == "POST":
        form = FlagForm(request.POST)
        if form.is_valid():
            try:
                reported = services.flag_post(
                    post=post, reporter=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                if reported.post.hidden:
                    messages.success(
                        request,
                        _("Dank je. Het bericht is verborgen tot een moderator ernaar kijkt."),
                    )
                else:
                    messages.success(request, _("Dank je. Een moderator kijkt naar je melding."))
                return redirect(post.thread)
    else:
        form = FlagForm()
    return render(request, "forum/flag.html", {"post": post, "form": form})


@member_required
@require_POST
def subscribe(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.get_thread_for(user=request.user, pk=pk)
    state = request.POST.get("stand") or None
    if state is not None and state not in SubscriptionState.values:
        state = None
    services.set_subscription(user=request.user, thread=current, state=state)
    return redirect(current)


# --- moderation ------------------------------------------------------------


@never_cache
@moderator_required
def moderation(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "forum/moderation.html",
        {
            "flags": selectors.flag_queue(user=request.user),
            "suspended": selectors.suspended_members(user=request.user),
        },
    )


@never_cache
@sensitive_post_parameters("note")
@moderator_required
def moderate_member(request: HttpRequest, pk: int) -> HttpResponse:
    """Warn or suspend the author of a post. The author is named as the thread names
    them (their alias in a thread with aliases), so this page reveals nobody."""
    post = selectors.get_post_for(user=request.user, pk=pk)
    if post.author is None:
        raise Http404
    warn_form, suspend_form = WarningForm(), SuspensionForm()
    previews = Previews()
    if request.method == "POST":
        action = request.POST.get("actie", "")
        if action == "waarschuwen":
            warn_form = WarningForm(request.POST)
            if warn_form.is_valid():
                done, previews = _attempt(
                    request,
                    warn_form,
                    lambda accepted: services.warn_member(
                        moderator=request.user,
                        post=post,
                        reason=warn_form.cleaned_data["reason"],
                        note=warn_form.cleaned_data["note"],
                        accepted_placeholders=accepted,
                    ),
                    fields=("note",),
                )
                if done is not None:
                    messages.success(request, _("Het lid is gewaarschuwd."))
                    return redirect("forum:moderation")
        elif action == "schorsen":
            suspend_form = SuspensionForm(request.POST)
            if suspend_form.is_valid():
                try:
                    services.suspend_member(
                        moderator=request.user,
                        post=post,
                        days=suspend_form.cleaned_data["days"],
                        reason=suspend_form.cleaned_data["reason"],
                    )
                except ValidationError as error:
                    suspend_form.add_error(None, error.messages)
                else:
                    messages.success(request, _("Het lid is geschorst."))
                    return redirect("forum:moderation")
    return render(
        request,
        "forum/moderate_member.html",
        {
            "post": post,
            "author": selectors.Names(post.thread).of(post.author),
            "suspended_until": suspended_until(post.author),
            "form": warn_form,
            "warn_form": warn_form,
            "suspend_form": suspend_form,
            "previews": previews,
        },
    )


@moderator_required
@require_POST
def lift_suspension(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.get_suspended_member(user=request.user, pk=pk)
    services.lift_suspension(moderator=request.user, member=member)
    messages.success(request, _("De schorsing is opgeheven."))
    return redirect("forum:moderation")


@never_cache
@sensitive_post_parameters("text")
@moderator_required
def moderate_post(request: HttpRequest, pk: int) -> HttpResponse:
    """Restore, hide, delete or redact one post."""
    post = selectors.get_post_for(user=request.user, pk=pk)
    previews = Previews()
    form = EditForm(initial={"text": post.text})
    if request.method == "POST":
        action = request.POST.get("actie", "")
        if action == "herstellen":
            services.restore_post(post=post, moderator=request.user)
            messages.success(request, _("Het bericht is weer zichtbaar."))
            return redirect("forum:moderation")
        if action == "verbergen":
            services.hide_post(post=post, moderator=request.user)
            messages.success(request, _("Het bericht is verborgen."))
            return redirect("forum:moderation")
        if action == "verwijderen":
            services.delete_post(post=post, actor=request.user)
            messages.success(request, _("Het bericht is verwijderd."))
            return redirect("forum:moderation")
        if action == "anonimiseren":
            form = EditForm(request.POST)
            if form.is_valid():
                done, previews = _attempt(
                    request,
                    form,
                    lambda accepted: services.redact_post(
                        post=post,
                        moderator=request.user,
                        text=form.cleaned_data["text"],
                        accepted_placeholders=accepted,
                    ),
                )
                if done is not None:
                    messages.success(
                        request, _("Het bericht is aangepast; eerdere versies zijn gewist.")
                    )
                    return redirect("forum:moderation")
    return render(
        request,
        "forum/moderate_post.html",
        {"post": post, "form": form, "previews": previews},
    )


@moderator_required
@require_POST
def moderate_thread(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.get_thread_for(user=request.user, pk=pk)
    action = request.POST.get("actie", "")
    if action in ("sluiten", "heropenen"):
        services.lock_thread(thread=current, moderator=request.user, locked=action == "sluiten")
        messages.success(
            request,
            _("Het gesprek is gesloten.") if action == "sluiten" else _("Het gesprek is heropend."),
        )
    elif action == "verplaatsen":
        form = MoveForm(request.POST)
        if form.is_valid():
            target: Category = form.cleaned_data["category"]
            services.move_thread(thread=current, moderator=request.user, category=target)
            messages.success(request, _("Het gesprek is verplaatst."))
    elif action == "schuilnaam":
        try:
            member = services.reveal_alias(
                thread=current, alias=request.POST.get("schuilnaam", ""), moderator=request.user
            )
        except ThreadAlias.DoesNotExist:
            messages.error(request, _("Deze schuilnaam komt in dit gesprek niet voor."))
        else:
            name = selectors.pseudonym_of(member)
            messages.info(
                request,
                _("Achter deze schuilnaam zit %(name)s. Deze opzoeking staat in de auditlog.")
                % {"name": name},
            )
    return redirect(current)
