"""Snapshots for slides: the slide page (``snapshot``), a page with every file inlined
(``standalone``), its Content-Security-Policy (``policy``), the quiet Chromium that
renders it (``browser``) to PNG and PDF (``render``), animations (``animate``: GIF,
MP4), the PowerPoint deck (``deck``), the kinds of export (``kinds``) and the one
entry the app and the command use (``export``)."""
