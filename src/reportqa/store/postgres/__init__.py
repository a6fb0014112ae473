"""The PostgreSQL + pgvector store: schema and migrations, the pooled connection, a loaded
version (dense top-k in pgvector, BM25 from posting arrays in SQL), builds into the database
under an advisory lock, publish notifications (LISTEN/NOTIFY), and an embedded server for
tests and laptops."""
