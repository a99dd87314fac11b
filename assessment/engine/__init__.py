"""The assessment engine: pure functions from questionnaire data and answers to a Result.

No I/O, clock, randomness, database, Streamlit or pandas here; see tests/test_architecture.py.
"""

ENGINE_VERSION = "0.1.0"

from .answers import AnswerError, check_answers  # noqa: E402
from .assess import assess, visible_questions  # noqa: E402
from .models import Option, Profile, Question, Questionnaire, Section  # noqa: E402
from .progress import PartProgress, Progress, progress  # noqa: E402
from .results import Result  # noqa: E402

__all__ = [
    "ENGINE_VERSION",
    "AnswerError",
    "Option",
    "PartProgress",
    "Profile",
    "Progress",
    "Question",
    "Questionnaire",
    "Result",
    "Section",
    "assess",
    "check_answers",
    "progress",
    "visible_questions",
]
