"""The model: reading and checking the data (schemas, YAML, safe files), intervals, formulas, figures, the
article's fingerprint, annotations, anchors, changelogs and git history. Imports only macros.text."""
