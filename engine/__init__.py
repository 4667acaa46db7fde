"""The map and export engine, without Streamlit: the map built from incidents and a
view (``mapping``), the browser layer it draws with (``static``), the view's filters
and playback (``filters``, ``playback``), the timeline and summary figures, and the
snapshot, deck and animation writers (``slides``).  The app's pages, the command line
and the tests all drive it the same way."""
