# Collider: Django app image (web, Celery worker and beat all run this image).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=collider.settings.base

# WeasyPrint runtime libraries (Pango/HarfBuzz) and a basic font set for PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Unprivileged runtime user.
RUN groupadd --system collider \
    && useradd --system --gid collider --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin collider

WORKDIR /app

# Dependencies first so this layer is cached until the lock file changes.
COPY requirements.lock /app/requirements.lock
RUN pip install -r /app/requirements.lock

COPY . /app

# Drop local state that may have come in with the build context (a .dockerignore
# listing .git, .venv, .env and var/ keeps it out of the context in the first place):
# a developer's .env would be read by the settings, and files under var/media
# would be copied into a fresh media volume.
RUN rm -rf /app/.env /app/.venv /app/var /app/node_modules

# Static files are collected into the image (var/staticfiles) at build time. A throwaway
# random key is given to this one command only (the settings refuse placeholders); it is not
# kept in the image.
RUN DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    python manage.py collectstatic --noinput

# Code and collected static files stay root-owned; the app user may write only
# to var/ itself (Celery beat schedule) and var/media. Creating var/media here
# with that owner means a fresh named volume mounted on it starts owned by collider.
RUN mkdir -p /app/var/media \
    && chown collider:collider /app/var /app/var/media

USER collider

EXPOSE 8000

CMD ["gunicorn", "collider.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
