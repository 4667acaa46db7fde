"""The app's pages.  Each wires widgets to plain functions (``incidents.store.editing``,
``engine.filters``, ``incidents.store`` ...) and holds no SQL or HTML of its own."""
