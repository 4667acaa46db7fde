"""News intake, the pipeline's first stage: reports in, candidate incidents out.

A report (pasted text, a ``.txt`` or ``.html`` file, an RSS/Atom feed's entries) is
read with its publication date and source (``reports``) and then in three steps:

1. **annotate once** (``annotators``): the dateline, sentences cut into clauses
   (``segment``), event triggers and cues, dates, tolls, armed groups (the actor
   registry, ``incidents.registry``), a state's forces, targets and place mentions,
   each written on one ``document.Document``;
2. **assemble** (``assemble``): which sentences report the same attack;
3. **read the fields** (``fields``): each incident's type, date, toll, place (the
   gazetteer, ``placing``), perpetrator and target, with its evidence (``evidence``).

The words are data, one file per language (``data/en.toml``, read by ``language``).
Every field of a candidate keeps the sentence and span it came from, so a reviewer
sees why.  Nothing is downloaded: no models, no network.
"""
