"""Answering: the question analysed once, retrieval, the answer, evaluation."""
