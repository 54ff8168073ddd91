"""
The webhook's Django settings (all optional; unset URL or secret turns the webhook off):

``WAGTAIL_NETLIFY_WEBHOOK_URL``      the site's function, e.g. ``https://www.example.com/api/wagtail-webhook``
``WAGTAIL_NETLIFY_WEBHOOK_SECRET``   the site's ``WEBHOOK_SECRET`` (16+ characters)
``WAGTAIL_NETLIFY_WEBHOOK_TIMEOUT``  seconds one attempt may take (default 15)
``WAGTAIL_NETLIFY_WEBHOOK_RETRIES``  retries after a network error, timeout, 429 or 5xx (default 2)

They are read at each event, so ``override_settings`` works in a project's tests. A value that is set
but wrong fails ``manage.py check`` (and so ``runserver`` and ``migrate``) with a message naming it; at
run time it turns the webhook off with one logged error instead of breaking publishing.
"""

from typing import Any, List

from django.conf import settings
from django.core import checks

from . import sender


def get_setting(name: str) -> Any:
    return getattr(settings, name, None)


def check_settings(app_configs: Any = None, **kwargs: Any) -> List[checks.CheckMessage]:
    try:
        sender.read_config(get_setting)
    except sender.ConfigError as error:
        return [checks.Error(str(error), id="wagtail_netlify_webhook.E001")]
    return []
