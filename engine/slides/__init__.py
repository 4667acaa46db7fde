"""Snapshots for slides: the slide page (``snapshot``), a page with every file inlined
(``standalone``), Chromium rendering to PNG and PDF (``render``) and the exports the
app and the command offer (``export``)."""
