"""
Turns Wagtail's page signals into webhook events, queued once the transaction commits (a rolled-back
publish sends nothing, and the site never rebuilds before the change is readable through grapple).

Wagtail has no ``page_moved`` or page-deleted signal of its own: a move is ``pre_page_move`` (old URL)
then ``post_page_move``; a deletion is Django's ``pre_delete`` (URL and title, while the page still
exists) then ``post_delete``. Every receiver swallows and logs its own errors: a webhook problem must
never fail a publish.
"""

import functools
import logging
import threading
from typing import Any, Callable, Dict, Optional

from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from . import conf, sender

logger = logging.getLogger(__name__)

_UID = "wagtail_netlify_webhook"
# The page_deleted event, made in pre_delete, rides on the instance Django hands to post_delete too.
_DELETED_EVENT = "_wagtail_netlify_webhook_event"
# Old URLs between pre_page_move and post_page_move, which get different instances (MovePageAction
# reloads the page after moving it); both run on the thread that moves.
_moving = threading.local()


def connect() -> None:
    page_published.connect(on_published, dispatch_uid=f"{_UID}.published")
    page_unpublished.connect(on_unpublished, dispatch_uid=f"{_UID}.unpublished")
    pre_page_move.connect(before_move, dispatch_uid=f"{_UID}.pre_move")
    post_page_move.connect(after_move, dispatch_uid=f"{_UID}.post_move")
    # sender=Page only: Wagtail deletes through Page querysets (DeletePageAction), and Django sends
    # pre/post_delete for the Page row of every deleted page, descendants included, whatever its type.
    # Connecting to the subclasses as well would report each page twice.
    pre_delete.connect(before_delete, sender=Page, dispatch_uid=f"{_UID}.pre_delete")
    post_delete.connect(after_delete, sender=Page, dispatch_uid=f"{_UID}.post_delete")


def _never_raise(receiver: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(receiver)
    def guarded(*args: Any, **kwargs: Any) -> None:
        try:
            receiver(*args, **kwargs)
        except Exception:
            logger.exception("The Netlify webhook could not handle %s; publishing goes on without it.", receiver.__name__)

    return guarded


def site_url(page: Any) -> Optional[str]:
    # The path within the page's own site (with any language prefix), as the site routes it.
    # relative_url(site) would give an absolute URL for a page of another site.
    parts = page.get_url_parts()
    return parts[2] if parts else None


def content_type_label(page: Any) -> str:
    """``app_label.ModelName``, as grapple's ``contentType`` spells it."""
    model = page.specific_class or type(page)  # specific_class is None once a model is removed from the code
    return f"{model._meta.app_label}.{model.__name__}"


def page_event(event: str, page: Any, *, old_url: Optional[str] = None) -> sender.PageEvent:
    return sender.PageEvent(event, page.pk, site_url(page), page.title, content_type_label(page), old_url)


def _queue_on_commit(event: sender.PageEvent, using: Optional[str], *, unless_deleted: bool = False) -> None:
    transaction.on_commit(functools.partial(_queue, event, unless_deleted), using=using)


def _queue(event: sender.PageEvent, unless_deleted: bool) -> None:
    # Runs on the committing thread, after the commit: it must not raise (Django would raise it from
    # the commit) and only queues, so it costs the request nothing.
    try:
        # Wagtail unpublishes a live page it is about to delete (its own pre_delete receiver): the
        # page_deleted that follows says more, so the unpublish of a page that is gone is not sent.
        if unless_deleted and not Page.objects.filter(pk=event.page_id).exists():
            return
        sender.notify(event, conf.get_setting)
    except Exception:
        logger.exception("Could not queue the Netlify webhook for %s.", event)


@_never_raise
def on_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    _queue_on_commit(page_event("page_published", instance), instance._state.db)


@_never_raise
def on_unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    _queue_on_commit(page_event("page_unpublished", instance), instance._state.db, unless_deleted=True)


@_never_raise
def before_move(sender: Any, instance: Any, **kwargs: Any) -> None:
    old_urls: Dict[int, Optional[str]] = _moving.__dict__.setdefault("old_urls", {})
    old_urls[instance.pk] = site_url(instance)


@_never_raise
def after_move(sender: Any, instance: Any, **kwargs: Any) -> None:
    old_urls: Dict[int, Optional[str]] = _moving.__dict__.setdefault("old_urls", {})
    if instance.pk in old_urls:
        old_url = old_urls.pop(instance.pk)
    else:  # pre_page_move's receiver failed: newer Wagtails pass instance_before, with the old url_path
        before = kwargs.get("instance_before")
        old_url = site_url(before) if before is not None else None
    # A reorder within the same parent is sent too (oldUrl equals url): menus follow the page order.
    _queue_on_commit(page_event("page_moved", instance, old_url=old_url), instance._state.db)


@_never_raise
def before_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    setattr(instance, _DELETED_EVENT, page_event("page_deleted", instance))


@_never_raise
def after_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    event = getattr(instance, _DELETED_EVENT, None)
    if event is not None:
        _queue_on_commit(event, kwargs.get("using") or instance._state.db)
