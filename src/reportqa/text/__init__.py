"""Language: normalisation, the analyzer, word lists, spelling, synonyms."""
