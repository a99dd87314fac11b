"""智能工厂成熟度自评 — smart-factory maturity self-assessment.

Public API::

    from assessment import load_questionnaire, assess
    q = load_questionnaire("smart_factory")      # or "sme_digital"; "name@version" pins a version
    result = assess(q, answers, profile=None)
"""

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
