"""Add every page and section id of a built site to data/anchors.yml (never removes any).

Usage: python -m scripts.update_anchor_ledger SITE_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.model.anchors import Ledger, dump, extended, load, published_ids

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = ROOT / "data" / "anchors.yml"
    ledger = load(path) if path.exists() else Ledger(pages={})
    path.write_text(dump(extended(ledger, published_ids(Path(argv[1])))), encoding="utf-8")
    print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
