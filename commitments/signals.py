"""What the reporting cycle tells the layers above it, once its transaction commits.

Sent by `meetings/cycle.py`; the packages above connect to it without the
cycle knowing them (the followers' notices, ogptracker/participation).
"""

from django.dispatch import Signal

# A progress report outside a meeting was published: `report` (a ProgressReport).
report_published = Signal()
