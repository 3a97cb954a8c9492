"""Words: numbers as each language writes them, phrases filled in, and each figure's complete view (its
values, formula, bounds) for rendering. Imports only macros.model and macros.text."""
