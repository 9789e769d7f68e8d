"""Synthetic editions for benchmarks and demos (``manage.py generate_conference``).

The program part lives here; the registrations are written by ``attendees.synthetic``.
"""

from .edition import SIZES, Size, delete_edition, generate_edition, is_synthetic

__all__ = ["SIZES", "Size", "delete_edition", "generate_edition", "is_synthetic"]
