"""`sspgen diff`: what changed in the data between two git revisions, entity by entity.

The stages: ``git`` materialises each revision's data/ and content/ into a folder;
``entities`` loads it with the ordinary loader and flattens it into entities (files, and
the items with ids inside them: goals, initiatives, topics, contacts …); ``compare`` matches
them by kind and id and describes each difference in Danish (``worddiff`` for text);
``render`` writes Markdown or plain text. ``history`` runs the same comparison for every
commit that touched a municipality's plans.
"""
