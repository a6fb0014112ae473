"""The embedding model: the sentence-transformers embedder, and preparing model folders."""
