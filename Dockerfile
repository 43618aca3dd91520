# The site's image: gunicorn serving ogptracker, or, with another command, the task
# worker or a release step (compose.yaml). Configured by the environment at run time,
# as on a machine (docs/deploy.md).
FROM python:3.11-slim-bookworm

# The Makefile's SITE_DEBS: gettext for compilemessages, Pango and the Amiri font
# for Arabic PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-hosny-amiri \
    && rm -rf /var/lib/apt/lists/*

# The service's own user owns the code's folder, so that nothing it writes at
# start needs root; evidence goes to a bucket or to the /data volume.
RUN useradd --system --create-home --home-dir /srv/ogptracker ogptracker \
    && mkdir -p /data/media && chown ogptracker: /data/media
WORKDIR /srv/ogptracker
COPY --chown=ogptracker:ogptracker . .
# Editable: the settings find templates, translations and fixtures beside the code.
RUN pip install --no-cache-dir -e .

# No git checkout in the image: the release is named at build time
# (docker build --build-arg RELEASE=$(git rev-parse --short=12 HEAD) .).
ARG RELEASE=unnamed
ENV RELEASE=$RELEASE \
    MEDIA_ROOT=/data/media \
    STATIC_ROOT=/srv/ogptracker/staticfiles \
    GUNICORN_BIND=0.0.0.0:8000 \
    PYTHONUNBUFFERED=1

USER ogptracker
# Translations and static files belong to the image, made once here; the key is
# only needed to load the settings.
RUN SECRET_KEY=build-only python manage.py compilemessages -v0 \
    && SECRET_KEY=build-only python manage.py collectstatic --noinput -v0

EXPOSE 8000
CMD ["gunicorn", "ogptracker.wsgi"]
