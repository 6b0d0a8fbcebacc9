"""The law as data: one file per legal profile (``<profile>.yaml``), the parts profiles
share (``shared/``), and the loader that checks their shape (``profiles.py``)."""
