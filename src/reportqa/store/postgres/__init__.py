"""The PostgreSQL + pgvector store: schema and migrations, the pooled connection, a loaded
version (dense top-k in pgvector, BM25 posting lists read from the database and scored as the
folder store does), builds into the database under an advisory lock, publish notifications
(LISTEN/NOTIFY), and an embedded server for tests and laptops."""
