"""One error type for bad input, so every message names the file, the place and the problem."""

from __future__ import annotations

from pathlib import Path


class DataError(Exception):
    """A data file, a page or a formula that the site refuses to build from."""

    def __init__(self, file: Path | str, problem: str, *, where: str = "", line: int | None = None):
        self.file = _as_typed(Path(file))
        self.where = where
        self.line = line
        self.problem = problem
        location = self.file if line is None else f"{self.file}:{line}"
        super().__init__(f"{location}: {where}: {problem}" if where else f"{location}: {problem}")


def closest(name: str, known: list[str], count: int = 3) -> str:
    """Human-readable list of the known names most like `name`, for 'did you mean' hints."""
    import difflib

    matches = difflib.get_close_matches(name, known, n=count, cutoff=0.4)
    return ", ".join(matches) if matches else "none is close"


class DataErrors(DataError):
    """Several problems found in one pass, reported together so a contributor fixes them at once."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        first = errors[0]
        super().__init__(first.file, first.problem, where=first.where, line=first.line)
        self.args = ("\n".join(str(e) for e in errors),)

    def __str__(self) -> str:
        return str(self.args[0])


def _as_typed(path: Path) -> str:
    """A path as a contributor types it: relative to where the build runs, when it is inside."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)
