"""News intake, the pipeline's first stage: reports in, candidate incidents out.

A report (pasted text, a ``.txt`` or ``.html`` file, an RSS/Atom feed's entries) is
read with its publication date and source (``reports``), split into sentences with
their character spans (``segment``), and read by offline rules (``rules``, ``extract``):
trigger words for the event type, the actor registry (``incidents.registry``) for the
perpetrator and how it is attributed, the gazetteer for the place, the publication date for relative dates,
and digits and number words for the dead and injured.  Every field of a candidate
keeps the sentence and span it came from, so a reviewer sees why.
Nothing is downloaded: no models, no network.
"""
