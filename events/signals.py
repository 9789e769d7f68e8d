"""Signals events sends for the apps above it, which events never imports.

- ``demo_loaded``: sent by ``load_demo`` at the end of its transaction, with ``loader`` (the
  `events.demo.loader.DemoLoader`, whose ``upsert`` and ``set_many`` keep a rerun a no-op and
  count the rows) and ``editions`` (the demo editions by year). Apps add their own sample data
  (the cooperation board's offers and needs) in the same transaction and counts.
"""

from django.dispatch import Signal

demo_loaded = Signal()
