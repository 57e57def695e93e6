"""Settings of the test project: explicit, minimal, with obviously fake secrets.

The database is SQLite unless ``DATABASE_URL`` names another one (``postgres://...``). The
test database is a file, so a worker started as a subprocess sees what the tests write.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "camunda-django-tests-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
TIME_ZONE = "UTC"
ROOT_URLCONF = "camunda_testsite.urls"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "/static/"
# Tests create many users; a fast hasher keeps that cheap (never in a real project).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "camunda_django",
    "camunda_testsite.orders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

_TEST_DB_FILE = os.path.join(tempfile.gettempdir(), f"camunda-django-tests-{os.getpid()}.sqlite3")
DATABASES = {
    "default": environ.Env.db_url_config(
        os.environ.get(
            "DATABASE_URL", f"sqlite:///{Path(tempfile.gettempdir()) / 'camunda-testsite.sqlite3'}"
        )
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": _TEST_DB_FILE}
    # Several processes (Celery children) write to it: immediate transactions wait for the
    # write lock instead of failing with "database is locked" (docs/django.md, the ledger).
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
else:  # a name of its own, so other test suites on the same server do not collide with it
    DATABASES["default"]["TEST"] = {"NAME": "test_camunda_django"}

CAMUNDA = {
    "REST_ADDRESS": os.environ.get("TESTSITE_CAMUNDA_REST_ADDRESS", "http://127.0.0.1:8080"),
    "WORKER_REQUEST_TIMEOUT_MS": 1000,
    "WORKER_SHUTDOWN_GRACE_MS": 5000,
    "WORKERS": {"DEFAULTS": {"timeout_ms": 30_000}},
    "DEPLOY": {"RESOURCES": ["orders/processes"]},
}

# Celery (the tests choose Redis or RabbitMQ as the broker; results go to Redis).
CELERY_BROKER_URL = os.environ.get("TESTSITE_CELERY_BROKER", "redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = os.environ.get("TESTSITE_CELERY_BACKEND", "redis://127.0.0.1:6379/1")
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
