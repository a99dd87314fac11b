"""智能工厂成熟度自评 — smart-factory maturity self-assessment.

Public API::

    from assessment import load_questionnaire, assess
    q = load_questionnaire("smart_factory")      # or "sme_digital"; "name@version" pins a version
    result = assess(q, answers, profile=None)
"""

import os as _os

# pydantic reads every installed package's metadata for plugins the first time it builds a
# validator (30–80 ms of each `sfa` command); the product uses no pydantic plugin. An explicit
# PYDANTIC_DISABLE_PLUGINS setting wins.
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from .catalog import available, load_questionnaire
from .engine import ENGINE_VERSION, AnswerError, Profile, Questionnaire, Result, assess
from .engine.loader import QuestionnaireError

__version__ = "0.1.0"

__all__ = [
    "ENGINE_VERSION",
    "AnswerError",
    "Profile",
    "Questionnaire",
    "QuestionnaireError",
    "Result",
    "__version__",
    "assess",
    "available",
    "load_questionnaire",
]
