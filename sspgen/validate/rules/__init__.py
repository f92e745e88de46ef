"""Cross-file rules. Each rule takes one municipality's data and returns its diagnostics.

Every rule has a stable code (``ref.ukendt-aktoer`` …) and a test with a bad input. Each
module documents its codes; the order below is the order rules run in (the output is sorted
by file, line and column anyway).
"""

from __future__ import annotations

from typing import Callable

from ...diagnostics import Diagnostic
from ..load import KommuneData
from .agenda import check_agenda
from .ambiguous import check_ambiguous
from .calendar import check_calendar
from .curriculum import check_curriculum
from .fora import check_fora
from .kommune import check_kommune
from .metadata_only import check_metadata_only
from .named_children import check_named_children
from .privacy import check_privacy
from .references import check_references
from .review import check_joint_meetings
from .visibility import check_visibility
from .vocabulary import check_vocabulary

Rule = Callable[[KommuneData], list[Diagnostic]]

RULES: list[Rule] = [
    check_kommune,
    check_references,
    check_fora,
    check_vocabulary,
    check_agenda,
    check_calendar,
    check_curriculum,
    check_visibility,
    check_privacy,
    check_metadata_only,
    check_named_children,
    check_ambiguous,
    check_joint_meetings,
]
