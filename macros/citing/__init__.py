"""Citations: the site, its chapters and figures as cited in each style and download format (CSL through
citeproc-py, BibTeX, RIS, CFF). Imports only the layers below: words, model, text."""
