"""Settings of the example site, read from the environment with django-environ.

Everything has a working default, so ``manage.py runserver`` needs no configuration. Override
with environment variables or a ``.env`` file next to ``manage.py``:

- ``DATABASE_URL``: SQLite in ``var/db.sqlite3`` by default; ``postgres://user:pw@host/db``
  for PostgreSQL;
- ``CAMUNDA_REST_ADDRESS``: the engine (the launcher's dev engine by default); every other
  ``CAMUNDA_*`` variable of Camunda's SDKs works too (``CAMUNDA_CLIENT_ID``...);
- ``DJANGO_SECRET_KEY``: when unset, a key is generated once into ``var/django-secret-key``
  (never a key written in this file);
- ``DJANGO_DEBUG``, ``DJANGO_ALLOWED_HOSTS``, ``EXAMPLE_VAR_DIR``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import django
import environ

BASE_DIR = Path(__file__).resolve().parent.parent
EXAMPLE_DIR = BASE_DIR.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

#: Runtime state: the SQLite database and the generated secret key (git ignores it).
VAR_DIR = Path(env("EXAMPLE_VAR_DIR", default=str(EXAMPLE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _generated_secret(path: Path) -> str:
    """The secret in ``path``, written once (readable by the owner only) when missing."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        value = secrets.token_urlsafe(50)
        file.write(value)
    return value


SECRET_KEY = env("DJANGO_SECRET_KEY", default="") or _generated_secret(
    VAR_DIR / "django-secret-key"
)
DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "camunda_django",
    "orders",
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

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"
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

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The site and the worker write to the same file: wait for each other instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
    if django.VERSION >= (5, 1):
        DATABASES["default"]["OPTIONS"].update(
            transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL;"
        )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en-us"
STATIC_URL = "static/"
LOGIN_URL = "admin:login"

# ---------------------------------------------------------------- Camunda
CAMUNDA = {
    # The launcher's dev engine; CAMUNDA_REST_ADDRESS (and every CAMUNDA_* variable) overrides.
    "REST_ADDRESS": env("CAMUNDA_REST_ADDRESS", default="http://127.0.0.1:8088"),
    # Options of every handler (per job type: "TYPES": {"ship-order": {...}}).
    "WORKERS": {"DEFAULTS": {"timeout_ms": 60_000}},
    "DEPLOY": {
        # The BPMN, DMN and form files the Flask app deploys too.
        "RESOURCES": [str(EXAMPLE_DIR / "processes")],
        "AUTO_DEPLOY": True,
    },
}

# The handlers' and receivers' log lines appear in the worker's output.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"short": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "short"}},
    "loggers": {"orders": {"handlers": ["console"], "level": "INFO"}},
}
