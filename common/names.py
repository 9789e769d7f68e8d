"""Which of a person's two names comes first: on Chinese pages a name written in Chinese
characters leads (王建国 above "Wang Jianguo"), elsewhere the name in Latin script."""

import unicodedata


def is_chinese(language: str | None) -> bool:
    return bool(language) and language.lower().startswith("zh")


def is_written_in_han(text: str) -> bool:
    """Whether ``text`` holds Chinese characters (a name in another script keeps second place)."""
    return any(unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH") for char in text)


def ordered_names(name: str, name_original: str, language: str | None) -> tuple[str, str]:
    """(the name to show first, the other one or ``""``) for a page in ``language``."""
    if not name_original or name_original == name:
        return name, ""
    if is_chinese(language) and is_written_in_han(name_original):
        return name_original, name
    return name, name_original
