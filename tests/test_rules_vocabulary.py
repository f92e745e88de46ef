"""vocabulary.py: types, levels and trends come from a vocabulary."""

import pytest

from rules_helpers import D, Kommune, expect

MOEDE = f"{D}/moeder/2025-01-14-oester.yaml"

# (file, text before the value, old value, new value, code, vocabulary)
CASES = [
    (f"{D}/aktoerer/klubben.yaml", "type: ", "klub", "klubhus", "vokabular.ukendt-vaerdi", "aktoertyper"),
    (f"{D}/fora/netvaerk-oester.yaml", "type: ", "netvaerk", "netvaerket", "vokabular.ukendt-vaerdi", "forumtyper"),
    (f"{D}/fora/netvaerk-oester.yaml", "niveau: ", "operationelt", "operativt", "vokabular.ukendt-vaerdi", "niveauer"),
    (MOEDE, "type: ", "netvaerksmoede", "moede", "vokabular.ukendt-vaerdi", "moedetyper"),
    (MOEDE, "      - ", "rusmidler", "narko", "ref.ukendt-tendens", "tendenser"),
]


@pytest.mark.parametrize("path, before, old, new, code, vocabulary", CASES, ids=[c[5] for c in CASES])
def test_unknown_vocabulary_value(tmp_path, path, before, old, new, code, vocabulary):
    k = Kommune(tmp_path).edit(path, f"\n{before}{old}\n", f"\n{before}{new}\n")
    line, column = k.where(path, f"\n{before}{new}\n")
    d = expect(k.check(), code, path, (line + 1, len(before) + 1), severity="fejl")
    assert f"«{new}» er ikke en kendt" in d.message
    assert "Tilladte værdier:" in d.message
    assert f"under «{vocabulary}» i data/testby/vokabular.yaml" in d.message


def test_suggests_the_closest_value(tmp_path):
    path = f"{D}/aktoerer/klubben.yaml"
    k = Kommune(tmp_path).edit(path, "type: klub", "type: skolle")
    d = expect(k.check(), "vokabular.ukendt-vaerdi", path, k.where(path, "skolle"))
    assert "Mente du «skole»?" in d.message


def test_municipality_can_add_its_own_values(tmp_path):
    path = f"{D}/aktoerer/klubben.yaml"
    k = Kommune(tmp_path).edit(path, "type: klub", "type: natteravne")
    k.append(f"{D}/vokabular.yaml", "aktoertyper:\n  - id: natteravne\n    navn: Natteravne\n")
    assert k.check().diagnostics == []
