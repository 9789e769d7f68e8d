"""A day of the program as a grid: rooms as columns, time running down.

Each day's rows are cut at every moment a session starts or ends, so a session spans the rows
between its start and its end and parallel sessions sit side by side. A plenary session (no
sub-forum) that nothing runs beside spans every column. Two sessions in one room at the same time
(a mistake the admin refuses, but imports may carry) each get a column of their own rather than
hiding one another. The grid holds plain values; the template writes a table with rowspans,
which needs neither JavaScript nor style attributes (templates/events/timetable.html).
"""

import datetime
from dataclasses import dataclass, field

from .program_listing import SessionRow, by_day


@dataclass(slots=True)
class Cell:
    session: SessionRow | None  # None: nothing in this column at this time
    rowspan: int = 1
    colspan: int = 1


@dataclass(slots=True)
class Slot:
    start_iso: str
    start_time: str
    cells: list[Cell] = field(default_factory=list)


@dataclass(slots=True)
class DayGrid:
    day: datetime.date
    columns: list[str]  # room labels ("" for sessions without a room)
    slots: list[Slot]
    session_count: int


@dataclass(slots=True)
class _Placed:
    row: SessionRow
    start: datetime.datetime
    end: datetime.datetime
    column: int = -1  # -1: spans every column


def _column_key(row: SessionRow) -> str:
    if row.room:
        return row.room
    return row.sub_forum.title if row.sub_forum else ""


def day_grid(day: datetime.date, rows: list[SessionRow]) -> DayGrid:
    """``rows`` (one day's sessions in time order) laid out as a grid."""
    placed = [
        _Placed(row, datetime.datetime.fromisoformat(row.start_iso), _end(row)) for row in rows
    ]
    alone = _alone(placed)
    columns: list[str] = []
    # The end of the last session placed in each column, to find clashes within a room.
    column_ends: list[datetime.datetime] = []
    for item in placed:
        if item.row.sub_forum is None and alone[id(item)]:
            continue
        key = _column_key(item.row)
        for index, label in enumerate(columns):
            if label == key and column_ends[index] <= item.start:
                item.column = index
                column_ends[index] = max(column_ends[index], item.end)
                break
        else:
            columns.append(key)
            column_ends.append(item.end)
            item.column = len(columns) - 1
    width = max(len(columns), 1)
    moments = sorted({p.start for p in placed} | {p.end for p in placed})
    index_of = {moment: i for i, moment in enumerate(moments)}
    slot_count = max(len(moments) - 1, 0)
    starting: dict[tuple[int, int], _Placed] = {}
    taken = [[False] * width for _ in range(slot_count)]
    for item in placed:
        first, last = index_of[item.start], index_of[item.end]
        columns_taken = range(width) if item.column < 0 else (item.column,)
        starting[(first, columns_taken[0])] = item
        for slot in range(first, last):
            for column in columns_taken:
                taken[slot][column] = True
    slots = []
    for number in range(slot_count):
        moment = moments[number]
        slot = Slot(start_iso=moment.isoformat(), start_time=moment.strftime("%H:%M"))
        column = 0
        while column < width:
            item = starting.get((number, column))
            if item is not None:
                span = width if item.column < 0 else 1
                rows_spanned = index_of[item.end] - number
                slot.cells.append(Cell(item.row, rowspan=rows_spanned, colspan=span))
                column += span
                continue
            if not taken[number][column]:
                slot.cells.append(Cell(None))
            column += 1
        slots.append(slot)
    return DayGrid(day=day, columns=columns, slots=slots, session_count=len(rows))


def _end(row: SessionRow) -> datetime.datetime:
    return datetime.datetime.fromisoformat(row.end_iso)


def _alone(placed: list[_Placed]) -> dict[int, bool]:
    """Whether nothing else runs at any time during each session (``placed`` in start order):
    one that overlaps another overlaps an earlier one or the very next one."""
    alone = {}
    latest_end = None
    for number, item in enumerate(placed):
        follower = placed[number + 1] if number + 1 < len(placed) else None
        alone[id(item)] = (latest_end is None or latest_end <= item.start) and (
            follower is None or follower.start >= item.end
        )
        latest_end = item.end if latest_end is None else max(latest_end, item.end)
    return alone


def grids(rows: list[SessionRow]) -> list[DayGrid]:
    """One grid per day of the program, the days grouped as the program groups them."""
    return [day_grid(day, items) for day, items in by_day(rows)]
