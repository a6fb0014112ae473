"""Where index versions live: the folder store (FAISS + bm25s + SQLite, the default) or
PostgreSQL + pgvector (`REPORTQA_STORE=postgresql://…`), behind one interface (base.py)."""
