"""The on-disk index: layout, database, vectors, BM25, build, load, admin."""
