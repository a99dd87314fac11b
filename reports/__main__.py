"""``python -m reports``: prepare the per-user font cache ahead of time (e.g. in a Docker
build or a CI step) and print where the fonts are."""

from __future__ import annotations

from .fonts import ensure_fonts


def main() -> None:
    files = ensure_fonts()
    for name, path in vars(files).items():
        print(f"{name}: {path if path else '-'}")


if __name__ == "__main__":
    main()
