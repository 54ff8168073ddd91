"""
Tells the Netlify site (its ``/api/wagtail-webhook`` function) when Wagtail publishes, unpublishes,
deletes or moves a page, so the static site rebuilds. Add ``"wagtail_netlify_webhook"`` to
INSTALLED_APPS and set WAGTAIL_NETLIFY_WEBHOOK_URL and WAGTAIL_NETLIFY_WEBHOOK_SECRET; see README.md.

Nothing here imports Django: ``sender`` (signing and delivery) runs and tests without it.
"""

__version__ = "1.0.0"
