"""``python -m reports``: prepare the per-user caches ahead of time (e.g. in a Docker build,
a CI step, ``make install`` or the web app's start): every built-in questionnaire version
parsed once into the compiled cache (:mod:`assessment.compiled`), then the PDF fonts; prints
where the fonts are."""

from __future__ import annotations

from .fonts import ensure_fonts


def compile_questionnaires() -> None:
    from assessment import catalog
    from assessment.engine.loader import QuestionnaireError

    for qid, versions in catalog.available().items():
        for version in versions:
            try:
                catalog.load_questionnaire(f"{qid}@{version}")
            except QuestionnaireError:  # reported by the command that needs it
                continue


def main() -> None:
    compile_questionnaires()
    files = ensure_fonts()
    for name, path in vars(files).items():
        print(f"{name}: {path if path else '-'}")


if __name__ == "__main__":
    main()
