"""Lay out each right-to-left line of a PDF once, not twice.

WeasyPrint 70's `layout.inline.get_next_linebox` lays a line out, asks where
a line of that height may go (floats can push it), and lays it out again
unless the place is unchanged. A right-to-left line's place is its cursor at
the right edge, but the check adds the laid-out line's width on one side and
the empty line box's zero width on the other, so it never holds: every
right-to-left line is laid out a second time at the same place. That second
pass was a fifth of an Arabic minutes render.

`apply()` recompiles the function with the check left-to-right lines use,
the place itself. It does so only when WeasyPrint's source holds exactly the
statement below; any other version keeps its own code (slower, equally right)
and a warning says so.
"""

import inspect
import logging
import threading

logger = logging.getLogger(__name__)

DOUBLE_PASS_CHECK = """\
            condition = (position_x + line.width, position_y) == (
                original_position_x + original_width, original_position_y)
"""
SINGLE_PASS_CHECK = """\
            condition = (position_x, position_y) == (
                original_position_x, original_position_y)
"""

# WeasyPrint's own function, kept to compare layouts with.
original = None
_lock = threading.Lock()


def apply():
    """Install the single-pass line layout; True when it is in place."""
    from weasyprint.layout import inline

    with _lock:
        if original is None:
            _install(inline)
        return inline.get_next_linebox is not original


def _install(inline):
    global original
    try:
        lines, first_line = inspect.getsourcelines(inline.get_next_linebox)
    except (OSError, TypeError):
        lines, first_line = [], 1
    source = "".join(lines)
    original = inline.get_next_linebox
    if source.count(DOUBLE_PASS_CHECK) != 1:
        logger.warning(
            "WeasyPrint's line layout is not the expected one: "
            "right-to-left lines stay laid out twice."
        )
        return
    # Blank lines first, so that tracebacks name WeasyPrint's own line numbers.
    fixed = "\n" * (first_line - 1) + source.replace(DOUBLE_PASS_CHECK, SINGLE_PASS_CHECK)
    code = compile(fixed, inline.__file__, "exec")
    # Defined in the module's own namespace, the new function replaces the
    # old one for its caller there, `iter_line_boxes`.
    exec(code, vars(inline))
