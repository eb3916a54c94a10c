"""gq-pods: run Signs of Safety pods and keep their records safe.

This package is the practice itself, as plain Python: it imports neither Textual
nor SQLAlchemy, so it starts fast and any other face could reuse it.
"""

__version__ = "0.1.0"
