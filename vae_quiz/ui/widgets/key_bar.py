"""The key bar: the screen's keys on one line at the bottom, like Textual's Footer.

Textual's Footer makes a widget per key and restyles each one when it mounts; on these screens
that was about 75 ms of every screen's start (measured: `benchmarks/`). This bar is one widget
that draws the same keys as one line of text, and is redrawn only when the screen's bindings
change (focus moving into the answer editor, say). A click on a key presses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.events import Click
    from textual.screen import Screen

KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"


class KeyBar(Widget, can_focus=False):
    """The keys of the screen's active bindings that are marked `show`, in order; the command
    palette's key on the right."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._left = Content("")
        self._right = Content("")
        self._update_pending = False
        self._has_drawn = False
        # (first column, last column + 1, key) of each key drawn, for clicks.
        self._hit_boxes: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # The first time after the next refresh, as the Footer does: the signal can come while
        # the screen is still composing, when its check_action cannot yet look at its widgets.
        # Later, once the handler that changed the keys is over but before the screen is drawn,
        # so the bar never shows the keys of the state before for a frame. Several signals
        # make one update.
        if self.is_attached and screen is self.screen and not self._update_pending:
            self._update_pending = True
            if self._has_drawn:
                self.call_next(self._update_keys)
            else:
                self.call_after_refresh(self._update_keys)

    def _keys(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str] | None]:
        keys: list[tuple[str, str, str, bool]] = []
        actions: set[str] = set()
        palette = None
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == palette_key:
                palette = (binding.key, self.app.get_key_display(binding), binding.description)
                continue
            # One entry per action, as the Footer does (space and enter both reveal).
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            shown = self.app.get_key_display(binding)
            keys.append((binding.key, shown, binding.description, enabled))
        return keys, palette

    def _update_keys(self) -> None:
        self._update_pending = False
        # A screen on its way out (dismissed, its widgets going) has no keys to show; one
        # under another gets a signal when it is on top again.
        if not self.is_attached or not self.screen.is_active:
            return
        self._has_drawn = True
        keys, palette = self._keys()
        drawn = [_key_content(shown, text, enabled) for _, shown, text, enabled in keys]
        self._left = Content("").join(drawn)
        self._right = _key_content(palette[1], palette[2], True) if palette else Content("")
        boxes, column = [], 0
        for (key, *_), content in zip(keys, drawn, strict=True):
            boxes.append((column, column + content.cell_length, key))
            column += content.cell_length
        if palette:
            boxes.append((-self._right.cell_length, 0, palette[0]))
        self._hit_boxes = boxes
        self.refresh()

    def on_click(self, event: Click) -> None:
        for start, end, key in self._hit_boxes:
            if start < 0:  # the palette key, counted from the right edge
                start, end = self.size.width + start, self.size.width
            if start <= event.x < end:
                self.app.simulate_key(key)
                return

    def render(self) -> Content:
        gap = self.size.width - self._left.cell_length - self._right.cell_length
        if gap < 1:
            return self._left
        return Content.assemble(self._left, " " * gap, self._right)


def _key_content(shown: str, description: str, enabled: bool) -> Content:
    dim = " dim" if not enabled else ""
    return Content.assemble(
        (f" {shown} ", KEY_STYLE + dim),
        (f"{description} " if description else "", DESCRIPTION_STYLE + dim),
    )
