"""Cross-file rules. Each rule takes one municipality's data and returns its diagnostics.

Every rule has a stable code (``ref.ukendt-aktoer`` …) and a test with a bad input.
"""

from __future__ import annotations

from typing import Callable

from ...diagnostics import Diagnostic
from ..load import KommuneData

Rule = Callable[[KommuneData], list[Diagnostic]]

RULES: list[Rule] = []
