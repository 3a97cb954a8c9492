"""Text rules, the lowest layer: Chinese runs and line joins, GB/T 15834 punctuation, where things go under
a page's headings, what a title or description may hold. Imports nothing of macros/."""
