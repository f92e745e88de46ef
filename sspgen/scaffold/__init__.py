"""`sspgen new`: scaffolding for the things staff add often. It never overwrites a file.

Every command builds the new entity as plain data, validates it with the same Pydantic
model `sspgen check` uses, and only then writes it: a new file with the small YAML emitter,
or, for lists inside a file someone wrote by hand (the topic bank, a plan's initiatives),
the new item's lines inserted into the existing text. Messages are Danish and name the next
step; a problem raises ScaffoldError, which the CLI prints without a traceback.

One module per kind (moede.py, aktoer.py, emne.py, indsats.py, kommune.py); what they share is
in common.py (the error and result types), find.py (the municipality and what is in it),
write.py (validating and writing a new file) and append.py (adding an item to a list in an
existing file).
"""
