"""Offline-first geocoding of incident place names.

``OfflineGazetteer`` is a geopy-compatible geocoder over packaged GeoNames data
and the project's curated areas; ``GeocoderChain`` adds an online geocoder when a
user opts in; ``geocode_table`` places every row of an incidents table.
"""
