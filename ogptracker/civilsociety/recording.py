"""Recording a forum's assessment: the one step every writer goes through.

The forum's pages and the admin call it; it saves the assessment and its
evidence in one transaction, keeps who did it in the history, and lets the
cached public pages go (the data version moves once the transaction commits).
"""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser as User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ogptracker.pagecache import data_changed

from .models import Assessment, AssessmentEvidence


@transaction.atomic
def record_assessment(
    assessment: Assessment,
    user: User,
    *,
    uploads: Iterable[UploadedFile] = (),
    removed: Iterable[AssessmentEvidence] = (),
) -> Assessment:
    created = assessment.pk is None
    assessment.recorded_by = user
    assessment._history_user = user
    assessment._change_reason = "Recorded" if created else "Changed"
    assessment.save()
    for evidence in removed:
        name = evidence.file.name
        evidence._history_user = user
        evidence.delete()
        # The file goes once the row is gone for good.
        transaction.on_commit(lambda name=name, storage=evidence.file.storage: storage.delete(name))
    for upload in uploads:
        evidence = AssessmentEvidence(
            assessment=assessment,
            file=upload,
            content_type=upload.detected_type,
            size=upload.size,
            uploaded_by=user,
        )
        evidence._history_user = user
        evidence.save()
    data_changed()
    return assessment


record_assessment.alters_data = True
