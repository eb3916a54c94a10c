"""A team's own settings: section labels, extra jargon, stage overrides.

They live in ``team.json`` in the config folder (``gq-pods where`` shows it).
A broken file never stops the app: the defaults are used and ``errors`` says,
in plain words, what was wrong, so the screen can report it.

    {
      "labels": {"danger_statements": "Worry statements", "safety_goals": "Wellbeing goals"},
      "show_grey_areas": true,
      "jargon": ["FII", "team around the child"],
      "acronyms": ["CAMHS", "IDVA"],
      "service_words": ["Freedom Programme", "Family Hub"],
      "stages": {"group_supervision": [...], "content_mapping": [...]}
    }
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .model import SECTION_LABELS
from .text import clean_all

FILE_NAME = "team.json"
KNOWN_KEYS = ("labels", "show_grey_areas", "jargon", "acronyms", "service_words", "stages")
MAX_WORD_LENGTH = 80  # characters: a longer team word is a sentence, not a word to avoid

# The checker's words: what a person sees in a message about each list.
_WORD_LISTS = {
    "jargon": "words or phrases to avoid",
    "acronyms": "shorthand in capital letters, such as CAMHS",
    "service_words": "names of services or courses, such as Freedom Programme",
}


@dataclass
class TeamConfig:
    labels: dict[str, str] = field(default_factory=lambda: dict(SECTION_LABELS))
    show_grey_areas: bool = False
    jargon: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    service_words: list[str] = field(default_factory=list)
    stages: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    path: Path | None = None

    def label(self, section: str) -> str:
        return self.labels.get(section, SECTION_LABELS.get(section, section))

    def checker_words(self):
        """The team's words for the plain-language checker (jargon, acronyms, services)."""
        from .checker import TeamWords

        return TeamWords.of(jargon=self.jargon, acronyms=self.acronyms, service_words=self.service_words)


def config_path() -> Path:
    return paths.config_dir() / FILE_NAME


def load_team_config(path: Path | None = None) -> TeamConfig:
    path = path or config_path()
    config = TeamConfig(path=path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config
    except OSError as error:
        config.errors.append(f"Could not read {path}: {error.strerror}. Using the defaults.")
        return config
    return parse_team_config(raw, config)


def _word_list(data: dict, key: str, where: str, errors: list[str]) -> list[str]:
    """One of the checker's word lists; each bad entry is reported and left out, the rest kept."""
    raw = data.get(key, [])
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        errors.append(f"{where}: '{key}' should be a list of {_WORD_LISTS[key]}; it was ignored.")
        return []
    kept: list[str] = []
    for number, entry in enumerate(raw, start=1):
        problem = None
        if not isinstance(entry, str):
            problem = "is not a word or phrase in quotes"
        elif not entry.strip():
            problem = "is empty"
        elif len(entry.strip()) > MAX_WORD_LENGTH:
            problem = f"is longer than {MAX_WORD_LENGTH} characters"
        elif any(ord(ch) < 32 or ord(ch) == 127 for ch in entry):
            problem = "has a control character in it"
        elif not any(ch.isalnum() for ch in entry):
            problem = "has no letters or numbers"
        elif key == "acronyms" and (any(ch.islower() for ch in entry) or any(ch.isspace() for ch in entry.strip())):
            problem = "should be capital letters with no spaces (put phrases under 'jargon')"
        if problem:
            shown = entry.strip()[:30] if isinstance(entry, str) else json.dumps(entry)[:30]
            errors.append(f"{where}: {key} entry {number} ({shown or 'blank'}) {problem}; it was ignored.")
        elif entry.strip() not in kept:
            kept.append(entry.strip())
    return kept


def parse_team_config(raw: str, config: TeamConfig | None = None) -> TeamConfig:
    config = config or TeamConfig()
    where = str(config.path or FILE_NAME)
    try:
        data = clean_all(json.loads(raw))  # no control characters in labels, jargon or stages
    except json.JSONDecodeError as error:
        config.errors.append(
            f"{where} is not valid JSON (line {error.lineno}, column {error.colno}). Using the defaults."
        )
        return config
    if not isinstance(data, dict):
        config.errors.append(f"{where} should hold one JSON object. Using the defaults.")
        return config
    for key in data:
        if key not in KNOWN_KEYS:
            config.errors.append(f"{where}: '{key}' is not a setting gq-pods knows; it was ignored.")

    labels = data.get("labels", {})
    if not isinstance(labels, dict):
        config.errors.append(f"{where}: 'labels' should be an object of section names to titles.")
    else:
        for section, title in labels.items():
            if section not in SECTION_LABELS:
                config.errors.append(
                    f"{where}: labels: '{section}' is not a section (use one of: {', '.join(SECTION_LABELS)})."
                )
            elif not isinstance(title, str) or not title.strip():
                config.errors.append(f"{where}: labels.{section} should be some words.")
            else:
                config.labels[section] = title.strip()

    grey = data.get("show_grey_areas", False)
    if isinstance(grey, bool):
        config.show_grey_areas = grey
    else:
        config.errors.append(f"{where}: 'show_grey_areas' should be true or false.")

    for key in _WORD_LISTS:
        setattr(config, key, _word_list(data, key, where, config.errors))

    stages = data.get("stages", {})
    if isinstance(stages, dict):
        config.stages = stages
    else:
        config.errors.append(f"{where}: 'stages' should be an object with one list per style.")
    return config
