import gc
import runpy
from pathlib import Path

from django.conf import settings


def test_gunicorn_worker_start_freezes_what_it_has_loaded():
    conf = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    try:
        conf["post_worker_init"](worker=None)
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()

    assert frozen > 10_000
