"""
Just enough of Django and Wagtail for signals.py, apps.py and conf.py to import and run without either
installed (this project's CI has no PyPI access). The stubs copy the behaviour the module relies on and
nothing else:

* ``Signal.send`` calls receivers in connection order, filtered by sender, and lets their exceptions
  propagate (as Django's ``send`` does: a raising receiver breaks the caller);
* ``transaction.on_commit`` runs at once outside ``atomic()``, at the commit inside it, never on
  rollback, and a raising callback propagates from the commit (Django's default, ``robust=False``);
* ``Page`` has ``pk``, ``title``, ``specific_class``, ``get_url_parts()`` and ``Page.objects.filter(pk=)``.

They prove the wiring (which signal, which sender, when, with what data), not Wagtail's own behaviour:
the sequences the tests replay (the unpublish inside a deletion, the reloaded instance after a move) are
taken from Wagtail's source and cited there.
"""

import contextlib
import sys
import types
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple


class Signal:
    def __init__(self) -> None:
        self.receivers: List[Tuple[Optional[str], Callable[..., Any], Any]] = []

    def connect(self, receiver: Callable[..., Any], sender: Any = None, weak: bool = True, dispatch_uid: Optional[str] = None) -> None:
        if dispatch_uid is not None and any(uid == dispatch_uid for uid, _, _ in self.receivers):
            return
        self.receivers.append((dispatch_uid, receiver, sender))

    def send(self, sender: Any, **kwargs: Any) -> None:
        for _, receiver, only in list(self.receivers):
            if only is None or only is sender:
                receiver(signal=self, sender=sender, **kwargs)


class Transaction:
    def __init__(self) -> None:
        self.callbacks: Optional[List[Callable[[], None]]] = None

    def on_commit(self, func: Callable[[], None], using: Optional[str] = None) -> None:
        if self.callbacks is None:
            func()
        else:
            self.callbacks.append(func)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        assert self.callbacks is None, "the stub does not nest atomic blocks"
        self.callbacks = []
        try:
            yield
        except BaseException:
            self.callbacks = None
            raise
        callbacks, self.callbacks = self.callbacks, None
        for callback in callbacks:
            callback()


class Meta:
    def __init__(self, app_label: str) -> None:
        self.app_label = app_label


class PageManager:
    def __init__(self) -> None:
        self.rows: Dict[int, "Page"] = {}

    def filter(self, pk: int) -> "PageManager":
        found = PageManager()
        if pk in self.rows:
            found.rows[pk] = self.rows[pk]
        return found

    def exists(self) -> bool:
        return bool(self.rows)


class Page:
    _meta = Meta("wagtailcore")
    objects = PageManager()

    def __init__(self, pk: int, title: str, url: Optional[str], specific_class: Optional[type] = None) -> None:
        self.pk = pk
        self.title = title
        self.url = url
        self.specific_class = specific_class if specific_class is not None else type(self)
        self._state = types.SimpleNamespace(db="default")

    def get_url_parts(self, request: Any = None) -> Optional[Tuple[int, str, str]]:
        return (1, "https://cms.example.com", self.url) if self.url is not None else None


class CheckMessage:
    def __init__(self, msg: str, id: Optional[str] = None) -> None:
        self.msg = msg
        self.id = id


class Error(CheckMessage):
    pass


class AppConfig:
    def __init__(self, app_name: str = "", app_module: Any = None) -> None:
        pass


def _module(name: str, **attrs: Any) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__dict__.update(attrs)
    sys.modules[name] = module
    return module


def install() -> types.SimpleNamespace:
    """Puts the stubs in sys.modules and returns the handles tests drive them with."""
    transaction = Transaction()
    settings = types.SimpleNamespace()
    registered_checks: List[Callable[..., Any]] = []
    signals = types.SimpleNamespace(
        page_published=Signal(), page_unpublished=Signal(), pre_page_move=Signal(), post_page_move=Signal(),
        pre_delete=Signal(), post_delete=Signal(),
    )
    _module("django")
    _module("django.apps", AppConfig=AppConfig)
    _module("django.conf", settings=settings)
    _module("django.core")
    checks = _module("django.core.checks", CheckMessage=CheckMessage, Error=Error, register=registered_checks.append)
    sys.modules["django.core"].checks = checks  # type: ignore[attr-defined]
    db = _module("django.db", transaction=transaction)
    _module("django.db.models")
    _module("django.db.models.signals", pre_delete=signals.pre_delete, post_delete=signals.post_delete)
    db.models = sys.modules["django.db.models"]  # type: ignore[attr-defined]
    _module("wagtail")
    _module("wagtail.models", Page=Page)
    _module(
        "wagtail.signals",
        page_published=signals.page_published, page_unpublished=signals.page_unpublished,
        pre_page_move=signals.pre_page_move, post_page_move=signals.post_page_move,
    )
    return types.SimpleNamespace(transaction=transaction, settings=settings, checks=registered_checks, signals=signals, Page=Page)
