"""NLP stage: spaCy parses, then wirecoder components enrich the Doc in order."""
