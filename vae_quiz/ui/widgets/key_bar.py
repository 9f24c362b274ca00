"""The key bar: the screen's keys on one line at the bottom, like Textual's Footer.

Textual's Footer makes a widget per key and restyles each one when it mounts; on these screens
that was about 75 ms of every screen's start (measured: `benchmarks/`). This bar is one widget
that draws the same keys as one line of text, and is redrawn only when the screen's bindings
change (focus moving into the answer editor, say). A screen's keys take turns between a few sets
(a card's front and its back), so each set's line is kept, by width and theme, and drawn once. A
click on a key presses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.events import Click
    from textual.screen import Screen

KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
HELP_KEY = "question_mark"
DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"


class KeyBar(Widget, can_focus=False):
    """The keys of the screen's active bindings that are marked `show`, in order; the command
    palette's key on the right. In a narrow terminal the least important go first (see
    `_fitted`); `? Help` always stays."""

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
        self._entries: list[tuple[str, Content]] = []
        self._palette: tuple[str, Content] | None = None
        self._update_pending = False
        self._has_drawn = False
        # (first column, last column + 1, key) of each key drawn, for clicks.
        self._hit_boxes: list[tuple[int, int, str]] = []
        # The keys shown (what `_update_keys` found), and each set's line once drawn.
        self._shown: tuple[object, ...] = ()
        self._lines: dict[tuple[object, ...], tuple[Strip, list[tuple[int, int, str]]]] = {}

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
        if not any(key == HELP_KEY for key, *_ in keys) and (help := self._shadowed_help()):
            keys.append((HELP_KEY, "esc ?", help.description, True))
        return keys, palette

    def _shadowed_help(self) -> Binding | None:
        """The screen's `?` binding when the focused widget takes `?` as text (the answer
        editor): it still opens the help after escape, and the bar says so."""
        focused = self.screen.focused
        if focused is None or not focused.check_consume_key(HELP_KEY, "?"):
            return None
        for binding in self.screen.BINDINGS:
            if isinstance(binding, Binding) and binding.key == HELP_KEY and binding.show:
                return binding
        return None

    def _update_keys(self) -> None:
        self._update_pending = False
        # A screen on its way out (dismissed, its widgets going) has no keys to show; one
        # under another gets a signal when it is on top again.
        if not self.is_attached or not self.screen.is_active:
            return
        self._has_drawn = True
        keys, palette = self._keys()
        self._shown = (tuple(keys), palette)
        self._entries = [
            (key, _key_content(shown, text, enabled)) for key, shown, text, enabled in keys
        ]
        self._palette = (
            (palette[0], _key_content(palette[1], palette[2], True)) if palette else None
        )
        self.refresh()

    def _fitted(self, width: int) -> tuple[list[tuple[str, Content]], tuple[str, Content] | None]:
        """The keys that fit in `width`: when all do not, the palette's goes first, then the
        screen's from the last one back (screens list the keys of the moment first), but never
        `? Help`."""
        entries, palette = list(self._entries), self._palette

        def needed() -> int:
            used = sum(content.cell_length for _, content in entries)
            return used + (1 + palette[1].cell_length if palette else 0)

        if needed() > width:
            palette = None
        while needed() > width:
            # The first key (the key of the moment) and Help stay, even cut by the edge.
            droppable = [i for i, (key, _) in enumerate(entries) if key != HELP_KEY][1:]
            if not droppable:
                break
            entries.pop(droppable[-1])
        return entries, palette

    async def on_click(self, event: Click) -> None:
        for start, end, key in self._hit_boxes:
            if start <= event.x < end:
                help = self._shadowed_help() if key == HELP_KEY else None
                if help is not None:  # the editor would take the key as text
                    await self.screen.run_action(help.action)
                else:
                    self.app.simulate_key(key)
                return

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y:  # one line high
            return Strip.blank(width, self.visual_style.rich_style)
        key = (self._shown, width, self.app.theme, self.app.ansi_color, self.visual_style)
        if key not in self._lines:
            if len(self._lines) >= 16:  # a resize or a theme change: the old lines go
                self._lines.clear()
            strips = Visual.to_strips(self, self.render(), width, 1, self.visual_style)
            line = strips[0] if strips else Strip.blank(width, self.visual_style.rich_style)
            self._lines[key] = (line, self._hit_boxes)
        line, self._hit_boxes = self._lines[key]
        return line

    def render(self) -> Content:
        width = self.size.width
        entries, palette = self._fitted(width)
        boxes, column = [], 0
        for key, content in entries:
            boxes.append((column, column + content.cell_length, key))
            column += content.cell_length
        left = Content("").join(content for _, content in entries)
        if palette is None:
            self._hit_boxes = boxes
            return left
        right = palette[1]
        boxes.append((width - right.cell_length, width, palette[0]))
        self._hit_boxes = boxes
        gap = width - left.cell_length - right.cell_length
        return Content.assemble(left, " " * gap, right)


def _key_content(shown: str, description: str, enabled: bool) -> Content:
    dim = " dim" if not enabled else ""
    return Content.assemble(
        (f" {shown} ", KEY_STYLE + dim),
        (f"{description} " if description else "", DESCRIPTION_STYLE + dim),
    )
