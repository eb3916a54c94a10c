"""``visible`` lives with the other rules for characters in user text, in ``gq_pods.text``."""

from __future__ import annotations

from .text import visible

__all__ = ["visible"]
